#!/usr/bin/env python3
# lectern-check-potfiles.py
#
# Copyright 2026 The Lectern authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check po/POTFILES.in against the sources that have translatable strings.

Usage: lectern-check-potfiles.py SOURCE_ROOT

Every C source and GtkBuilder file under src/ and ui/ (at any depth) that
marks a string for translation must be listed, or its strings never reach
the translators; every listed file must exist and, when it is under src/
or ui/, have such a string. Files are found by walking the folders, not
from a list, so that a file moved into a subfolder is checked where it is.
Exits 1 and names each file that breaks either rule.
"""

import os
import re
import sys

SCANNED_DIRS = ('src', 'ui')

# The gettext calls and markers xgettext is run with by the glib preset.
C_MARKER = re.compile(r'(?<![\w$])(?:_|N_|C_|NC_|Q_|g_dgettext|g_dcgettext|g_dngettext|'
                      r'g_dpgettext|g_dpgettext2|gettext|dgettext|dcgettext|ngettext|'
                      r'dngettext|dcngettext|pgettext|dpgettext|npgettext)\s*\(')
UI_MARKER = re.compile(r'''translatable\s*=\s*["']yes["']''')

# Comments and literals go before C is searched: a comment that speaks of
# _() marks nothing, and neither does a string holding "N_(".
C_NOISE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.DOTALL)


def strip_c_noise(text):
    def blank(match):
        token = match.group(0)
        if token.startswith('"'):
            return '""'
        if token.startswith("'"):
            return "' '"
        return ' '

    return C_NOISE.sub(blank, text)


def has_translatable_strings(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False

    if path.endswith(('.c', '.h')):
        return C_MARKER.search(strip_c_noise(text)) is not None
    if path.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    return False


def find_translatable(root):
    found = set()

    for top in SCANNED_DIRS:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in files:
                if not name.endswith(('.c', '.h', '.ui')):
                    continue
                path = os.path.join(folder, name)
                if has_translatable_strings(path):
                    found.add(os.path.relpath(path, root).replace(os.sep, '/'))

    return found


def read_potfiles(path):
    listed = []

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            # Blank lines, comments and [encoding: …] lines name no file.
            if line and not line.startswith(('#', '[')):
                listed.append(line)

    return listed


def main(argv):
    if len(argv) != 2:
        print('Usage: {} SOURCE_ROOT'.format(argv[0]), file=sys.stderr)
        return 2

    root = argv[1]
    listed = read_potfiles(os.path.join(root, 'po', 'POTFILES.in'))
    translatable = find_translatable(root)
    problems = []

    for name in sorted(translatable - set(listed)):
        problems.append('{}: has translatable strings but is missing from po/POTFILES.in'.format(name))

    for name in listed:
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            problems.append('{}: listed in po/POTFILES.in but does not exist'.format(name))
        elif name.split('/', 1)[0] in SCANNED_DIRS and name not in translatable:
            problems.append('{}: listed in po/POTFILES.in but has no translatable strings'.format(name))

    for problem in problems:
        print(problem, file=sys.stderr)

    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
