/* lectern-web-extension-pch.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Precompiled for every file of the web process extension, which the
 * compiler reads before the file itself: reading WebKit's headers is most
 * of what compiling one costs. */

#include <webkit/webkit-web-process-extension.h>
