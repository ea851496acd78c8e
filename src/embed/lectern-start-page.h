/* lectern-start-page.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-profile.h"

G_BEGIN_DECLS

/* The start page's address: a page of its own, in the history like any
 * other, belonging to no site. */
#define LECTERN_START_PAGE_URI "lectern:start"

void lectern_start_page_register (WebKitWebContext *context,
                                  LecternProfile   *profile);

G_END_DECLS
