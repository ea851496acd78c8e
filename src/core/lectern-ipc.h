/* lectern-ipc.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-request-record.h"
#include "lectern-site-choices.h"

/* Every message between the UI and the web processes, each beside the
 * GVariant type its parameters must have. The web process runs hostile
 * pages: the receiver checks the type before unpacking. */

/* Init data of the web process extension: filter list paths (path, list
 * kind id), tracker database paths, defaults, every stored site, then the
 * compiled filter cache (path, key of the lists; empty when there is
 * none, and the extension reads the lists itself), then every site's
 * allowed trackers (as LECTERN_IPC_SITE_ALLOWED_TRACKERS). */
#define LECTERN_IPC_INIT_TYPE "(a(ss)ss" LECTERN_SITE_CHOICES_VARIANT_TYPE "a" LECTERN_SITE_CHOICES_VARIANT_TYPE "(ss)a" LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE ")"

/* UI → every web process: the trackers the reader allowed on one site
 * (site, tracker names, else hosts), replacing the site's earlier list. */
#define LECTERN_IPC_SITE_ALLOWED_TRACKERS      "Lectern.Site.AllowedTrackers"
#define LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE "(sas)"

/* UI → every web process: a site's choices changed (or the defaults,
 * when the site is empty). */
#define LECTERN_IPC_SITE_CHOICES      "Lectern.Site.Choices"
#define LECTERN_IPC_SITE_CHOICES_TYPE LECTERN_SITE_CHOICES_VARIANT_TYPE

/* Web page → its view: one request and what was decided for it. */
#define LECTERN_IPC_REQUEST_DECIDED      "Lectern.Request.Decided"
#define LECTERN_IPC_REQUEST_DECIDED_TYPE LECTERN_REQUEST_RECORD_VARIANT_TYPE
