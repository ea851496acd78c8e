/* lectern-cmp-agent.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit-web-process-extension.h>

#include "lectern-blocker.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_CMP_AGENT (lectern_cmp_agent_get_type ())

G_DECLARE_FINAL_TYPE (LecternCmpAgent, lectern_cmp_agent, LECTERN, CMP_AGENT, GObject)

LecternCmpAgent *lectern_cmp_agent_new        (LecternBlocker  *blocker);
void             lectern_cmp_agent_watch_page (LecternCmpAgent *self,
                                               WebKitWebPage   *page);

G_END_DECLS
