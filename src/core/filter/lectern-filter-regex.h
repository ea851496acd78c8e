/* lectern-filter-regex.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lectern_filter_regex_required_literal (const char *source,
                                             gsize       len);

G_END_DECLS
