/* lectern-app-pch.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Precompiled for every file of the UI process, which the compiler reads
 * before the file itself: reading GTK's, libadwaita's and WebKit's headers
 * is most of what compiling one costs. */

#include <adwaita.h>
#include <webkit/webkit.h>
