/* lectern-onetrust-groups-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The check of a group id that came from the page, shared by the group
 * list (lectern-onetrust-groups.c) and the cookies that name groups
 * (lectern-onetrust-codec.c), so that both refuse the same ids with the
 * same message. */
gboolean _lectern_onetrust_check_group_id (const char  *group_id,
                                           gsize        length,
                                           GError     **error);

G_END_DECLS
