/* lectern-cmp-tool.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit-web-process-extension.h>

#include "lectern-cmp-js.h"
#include "lectern-cmp-outcome.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

/**
 * LecternCmpPage:
 *
 * What the agent knows of one page and of the document its main frame
 * shows: the site's choices, when they were applied, what was last sent
 * to the view, and each tool's state for the document. A tool gets it in
 * every hook; it belongs to the agent.
 */
typedef struct _LecternCmpPage LecternCmpPage;

/**
 * LecternCmpDocumentRef:
 *
 * A timer's or a callback's hold on a page, for the document it was made
 * for: once the page shows another document, it leads to no page.
 */
typedef struct _LecternCmpDocumentRef LecternCmpDocumentRef;

/**
 * LecternCmpTool:
 * @name: the tool's name, as its outcomes carry it
 * @data_new: (nullable): makes what the tool keeps as long as the web
 *   process runs, across pages
 * @data_free: (nullable): frees what @data_new made
 * @message_received: (nullable): a message from the view to a page, with
 *   the tool's data; returns whether the message was the tool's
 * @state_new: (nullable): makes the tool's state for one document of a
 *   page, with the tool's data (%NULL without @data_new)
 * @state_free: (nullable): frees what @state_new made
 * @document_started: (nullable): the page's main frame has a new web
 *   document, whose own scripts have not run yet; @frame and @world are
 *   where its window was made
 * @request_sent: (nullable): the document asks for @uri; runs in
 *   send-request, for every request of the page: no allocation
 * @probe: looks for the tool in the document; returns its outcome, or
 *   %NULL when the tool is not there. It reads the page's objects within
 *   the page's budget (lectern_cmp_page_get_budget()): a tool that
 *   exceeds it failed, whatever the probe returns
 * @last_probe: (nullable): at the last probe, when no tool was found:
 *   what the tool can still say of the document, or %NULL
 *
 * One consent tool, as the agent drives it: each hook is called for every
 * tool in the agent's order, and a probe stops at the first tool found.
 */
typedef struct
{
  const char         *name;

  gpointer          (*data_new)         (void);
  void              (*data_free)        (gpointer           tool_data);
  gboolean          (*message_received) (gpointer           tool_data,
                                         WebKitUserMessage *message);

  gpointer          (*state_new)        (gpointer           tool_data);
  void              (*state_free)       (gpointer           tool_state);
  void              (*document_started) (LecternCmpPage    *page,
                                         gpointer           tool_state,
                                         WebKitFrame       *frame,
                                         WebKitScriptWorld *world);
  void              (*request_sent)     (LecternCmpPage    *page,
                                         gpointer           tool_state,
                                         const char        *uri);
  LecternCmpOutcome *(*probe)           (LecternCmpPage    *page,
                                         gpointer           tool_state,
                                         JSCContext        *context);
  LecternCmpOutcome *(*last_probe)      (LecternCmpPage    *page,
                                         gpointer           tool_state,
                                         JSCContext        *context);
} LecternCmpTool;

/* The tools, one file each; lectern-cmp-agent.c lists them in the order
 * they are probed. */
extern const LecternCmpTool lectern_cmp_onetrust;
extern const LecternCmpTool lectern_cmp_cookiebot;
extern const LecternCmpTool lectern_cmp_tcf;

const char               *lectern_cmp_page_get_uri              (LecternCmpPage          *self);
const LecternSiteChoices *lectern_cmp_page_get_choices          (LecternCmpPage          *self);
gpointer                  lectern_cmp_page_get_state            (LecternCmpPage          *self,
                                                                 const LecternCmpTool    *tool);
WebKitWebPage            *lectern_cmp_page_dup_web_page         (LecternCmpPage          *self) G_GNUC_WARN_UNUSED_RESULT;
JSCContext               *lectern_cmp_page_dup_main_context     (LecternCmpPage          *self) G_GNUC_WARN_UNUSED_RESULT;
GDateTime                *lectern_cmp_page_get_applied          (LecternCmpPage          *self);
void                      lectern_cmp_page_mark_applied         (LecternCmpPage          *self);
LecternCmpBudget         *lectern_cmp_page_get_budget           (LecternCmpPage          *self);
const LecternCmpOutcome  *lectern_cmp_page_fail                 (LecternCmpPage          *self,
                                                                 const LecternCmpTool    *tool);
gboolean                  lectern_cmp_page_has_failed           (LecternCmpPage          *self);
const LecternCmpOutcome  *lectern_cmp_page_get_last_sent        (LecternCmpPage          *self);
void                      lectern_cmp_page_send_outcome         (LecternCmpPage          *self,
                                                                 WebKitWebPage           *web_page,
                                                                 const LecternCmpOutcome *outcome);

LecternCmpDocumentRef    *lectern_cmp_document_ref_new          (LecternCmpPage          *page) G_GNUC_WARN_UNUSED_RESULT;
void                      lectern_cmp_document_ref_free         (LecternCmpDocumentRef   *self);
LecternCmpPage           *lectern_cmp_document_ref_get_page     (LecternCmpDocumentRef   *self);
WebKitWebPage            *lectern_cmp_document_ref_dup_web_page (LecternCmpDocumentRef   *self) G_GNUC_WARN_UNUSED_RESULT;

gboolean                  lectern_cmp_leaves_banner_alone       (const LecternSiteChoices *choices);
char                     *lectern_cmp_dup_detail                (const char              *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
