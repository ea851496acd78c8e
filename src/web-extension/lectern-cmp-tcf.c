/* lectern-cmp-tcf.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-js.h"
#include "lectern-cmp-tool.h"
#include "lectern-tcf-decoder.h"

/* IAB TCF v2: the TC string, read through
 * `__tcfapi('addEventListener', 2, callback)` and decoded. Only a
 * registered CMP may make one: it is never written. */

#define TOOL_NAME "tcf"

/* A tool calls its listener when its TC string changes: on load, when the
 * banner shows, when the reader answers. One that calls it over and over
 * is not one Lectern can trust. */
#define MAX_CALLBACKS 64

/* What the TCF tool said in one document of a page. */
typedef struct
{
  gboolean           listening;
  guint              n_callbacks;
  /* The TC string's outcome, as the tool's last callback gave it */
  LecternCmpOutcome *outcome;
} TcfState;

static gpointer
state_new (gpointer tool_data)
{
  return g_new0 (TcfState, 1);
}

static void
state_free (gpointer tool_state)
{
  TcfState *state = tool_state;

  g_clear_pointer (&state->outcome, lectern_cmp_outcome_free);
  g_free (state);
}

/* Returns: (transfer full): what @tc_data, the tool's answer, holds, read
 * within @budget */
static LecternCmpOutcome *
new_outcome (LecternCmpBudget         *budget,
             const LecternSiteChoices *choices,
             JSCValue                 *tc_data,
             JSCValue                 *success)
{
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tc_string = NULL;
  LecternTcfCore core;

  outcome = lectern_cmp_outcome_new (TOOL_NAME, lectern_cmp_leaves_banner_alone (choices) ? "left-alone" : "read-only");

  if (success != NULL && jsc_value_is_boolean (success) && !jsc_value_to_boolean (success))
    {
      outcome->detail = g_strdup ("The TCF tool answered with an error");
    }
  else if ((tc_string = lectern_cmp_js_dup_string (budget, tc_data, "tcString")) == NULL || tc_string[0] == '\0')
    {
      /* The banner is up and the reader has not answered it yet. */
      outcome->detail = g_strdup ("The TCF tool holds no TC string yet");
      outcome->awaiting = lectern_cmp_leaves_banner_alone (choices);
    }
  else if (!lectern_tcf_decode_core (tc_string, &core, &error))
    {
      outcome->detail = lectern_cmp_dup_detail (error->message);
    }
  else
    {
      g_autofree char *detail = g_strconcat ("TC string ", tc_string, NULL);

      lectern_tcf_core_add_to_record (&core, &outcome->recorded);
      outcome->detail = lectern_cmp_dup_detail (detail);
    }

  return g_steal_pointer (&outcome);
}

static void
listener_cb (JSCValue *tc_data,
             JSCValue *success,
             gpointer  user_data)
{
  LecternCmpDocumentRef *ref = user_data;
  LecternCmpPage *page = lectern_cmp_document_ref_get_page (ref);
  g_autoptr(WebKitWebPage) web_page = lectern_cmp_document_ref_dup_web_page (ref);
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  const LecternCmpOutcome *last_sent;
  LecternCmpBudget budget = { 0 };
  TcfState *state;

  if (web_page == NULL || lectern_cmp_page_has_failed (page))
    return;

  /* The tool calls whenever it likes, in a probe or not: each call is
   * read within a budget of its own, and counted. */
  state = lectern_cmp_page_get_state (page, &lectern_cmp_tcf);
  lectern_cmp_budget_start (&budget);
  if (++state->n_callbacks > MAX_CALLBACKS)
    lectern_cmp_budget_exceed (&budget, "it called back more than 64 times");
  else
    outcome = new_outcome (&budget, lectern_cmp_page_get_choices (page), tc_data, success);

  if (lectern_cmp_budget_spent (&budget))
    {
      lectern_cmp_budget_exceed (lectern_cmp_page_get_budget (page), budget.exceeded);
      lectern_cmp_page_send_outcome (page, web_page, lectern_cmp_page_fail (page, &lectern_cmp_tcf));
      return;
    }

  g_clear_pointer (&state->outcome, lectern_cmp_outcome_free);
  state->outcome = lectern_cmp_outcome_copy (outcome);

  /* OneTrust and Cookiebot carry a TCF API of their own; they speak for
   * themselves then. */
  last_sent = lectern_cmp_page_get_last_sent (page);
  if (last_sent == NULL || g_str_equal (last_sent->name, TOOL_NAME))
    lectern_cmp_page_send_outcome (page, web_page, outcome);
}

static void
add_listener (LecternCmpPage *page,
              JSCValue       *window,
              JSCContext     *context)
{
  g_autoptr(JSCValue) listener = NULL;
  g_autoptr(JSCValue) tcfapi = NULL;
  g_autoptr(JSCValue) result = NULL;

  listener = jsc_value_new_function (context, NULL,
                                     G_CALLBACK (listener_cb),
                                     lectern_cmp_document_ref_new (page),
                                     (GDestroyNotify) lectern_cmp_document_ref_free,
                                     G_TYPE_NONE, 2, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  tcfapi = jsc_value_object_get_property (window, "__tcfapi");
  result = jsc_value_function_call (tcfapi,
                                    G_TYPE_STRING, "addEventListener",
                                    G_TYPE_INT, 2,
                                    JSC_TYPE_VALUE, listener,
                                    G_TYPE_NONE);
  lectern_cmp_js_clear_exception (context);
}

static LecternCmpOutcome *
probe (LecternCmpPage *page,
       gpointer        tool_state,
       JSCContext     *context)
{
  TcfState *state = tool_state;
  g_autoptr(JSCValue) window = jsc_context_get_global_object (context);

  if (!lectern_cmp_js_has_function (lectern_cmp_page_get_budget (page), window, "__tcfapi"))
    return NULL;

  if (!state->listening)
    {
      state->listening = TRUE;
      add_listener (page, window, context);
    }

  if (state->outcome != NULL)
    return lectern_cmp_outcome_copy (state->outcome);

  return NULL;
}

const LecternCmpTool lectern_cmp_tcf = {
  .name = TOOL_NAME,
  .state_new = state_new,
  .state_free = state_free,
  .probe = probe,
};
