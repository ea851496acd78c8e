#!/usr/bin/env python3
# lectern-compile-trackers.py
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compiles AdGuard companiesdb (trackers.json, companies.json) into the
# compact, read-only index that src/core/lectern-tracker-db.c looks hosts
# up in without parsing or allocating. The layout is documented there,
# beside the reader; both sides must change together (bump VERSION).
#
# Usage: lectern-compile-trackers.py TRACKERS.json COMPANIES.json OUTPUT

import json
import struct
import sys

MAGIC = b'LTDB'
VERSION = 2
FLAG_SINGLE_LABEL = 1  # some domain has no dot: the reader must try TLDs too
NONE = 0xFFFFFFFF


def fnv1a(data):
    # Over the bytes from last to first: the reader hashes every parent
    # domain of a host in one pass from its end.
    h = 0x811C9DC5
    for b in reversed(data):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def main(trackers_path, companies_path, output_path):
    with open(trackers_path, encoding='utf-8') as f:
        trackers_json = json.load(f)
    with open(companies_path, encoding='utf-8') as f:
        companies_json = json.load(f)

    categories = trackers_json['categories']
    trackers = trackers_json['trackers']
    domains = trackers_json['trackerDomains']
    companies = companies_json['companies']

    strings = bytearray(b'\0')  # offset 0 is the empty string
    string_offsets = {}

    def intern(text):
        if text is None:
            return NONE
        data = text.encode('utf-8')
        if data in string_offsets:
            return string_offsets[data]
        offset = len(strings)
        strings.extend(data + b'\0')
        string_offsets[data] = offset
        return offset

    tracker_index = {}
    tracker_records = []
    for tracker_id in sorted(trackers):
        tracker = trackers[tracker_id]
        name = tracker.get('name')
        if not isinstance(name, str) or not name:
            sys.exit(f'{trackers_path}: tracker "{tracker_id}" has no name')
        category = categories.get(str(tracker.get('categoryId')), 'unknown')
        company = None
        company_id = tracker.get('companyId')
        if isinstance(company_id, str) and company_id in companies:
            company = companies[company_id].get('name') or None
        tracker_index[tracker_id] = len(tracker_records)
        tracker_records.append((intern(name), intern(company), intern(category)))

    domain_records = []
    for domain in sorted(domains):
        tracker_id = domains[domain]
        # Upstream has no dangling domains; skip one rather than invent a tracker.
        if tracker_id not in tracker_index or not domain:
            continue
        # Hosts reach the lookup as they are in URLs: IDNs in their ASCII form.
        try:
            folded = domain.lower().encode('ascii')
        except UnicodeEncodeError:
            folded = domain.lower().encode('idna')
        domain_records.append((intern(folded.decode('ascii')), len(folded), tracker_index[tracker_id], fnv1a(folded)))

    n_buckets = 1
    while n_buckets < 2 * len(domain_records):
        n_buckets *= 2
    buckets = [0] * n_buckets
    for i, (_, _, _, h) in enumerate(domain_records):
        slot = h & (n_buckets - 1)
        while buckets[slot] != 0:
            slot = (slot + 1) & (n_buckets - 1)
        buckets[slot] = i + 1

    while len(strings) % 4:
        strings.append(0)

    header_size = 4 * 12
    trackers_offset = header_size
    domains_offset = trackers_offset + 12 * len(tracker_records)
    buckets_offset = domains_offset + 16 * len(domain_records)
    strings_offset = buckets_offset + 4 * n_buckets

    out = bytearray()
    out += MAGIC
    flags = FLAG_SINGLE_LABEL if any(b'.' not in strings[r[0]:r[0] + r[1]] for r in domain_records) else 0
    out += struct.pack('<11I', VERSION, len(tracker_records), len(domain_records), n_buckets,
                       trackers_offset, domains_offset, buckets_offset, strings_offset, len(strings),
                       flags, 0)
    assert len(out) == header_size
    for record in tracker_records:
        out += struct.pack('<3I', *record)
    for record in domain_records:
        out += struct.pack('<4I', *record)
    out += struct.pack(f'<{n_buckets}I', *buckets)
    out += strings

    with open(output_path, 'wb') as f:
        f.write(out)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__ if __doc__ else 'usage: lectern-compile-trackers.py TRACKERS COMPANIES OUTPUT')
    main(*sys.argv[1:])
