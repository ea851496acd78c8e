/* lectern-cmp-cookiebot.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-js.h"
#include "lectern-cmp-tool.h"
#include "lectern-cookiebot-codec.h"

/* Cookiebot: `Cookiebot.submitCustomConsent`, never a written cookie (its
 * `CookieConsent` cookie carries a server stamp); read back from
 * `Cookiebot.consent`. */

#define TOOL_NAME "cookiebot"

/* What Cookiebot was told in one document of a page. */
typedef struct
{
  gboolean checked;
  gboolean submitted;
} CookiebotState;

static gpointer
state_new (gpointer tool_data)
{
  return g_new0 (CookiebotState, 1);
}

static void
state_free (gpointer tool_state)
{
  g_free (tool_state);
}

/* Reads `Cookiebot.consent` into @record; returns what the tool holds,
 * in its own words (the members Cookiebot's consent has, and only those),
 * or %NULL with @error set. */
static char *
read_consent (LecternCmpBudget      *budget,
              JSCValue              *cookiebot,
              LecternConsentRecord  *record,
              GError               **error)
{
  static const char * const members[] = {
    "stamp", "necessary", "preferences", "statistics", "marketing", "method", NULL,
  };
  g_autoptr(JSCValue) consent = lectern_cmp_js_dup_object (budget, cookiebot, "consent");
  g_autofree char *json = lectern_cmp_js_dup_members_json (budget, consent, members);

  if (json == NULL)
    {
      g_set_error_literal (error, LECTERN_COOKIEBOT_ERROR, LECTERN_COOKIEBOT_ERROR_INVALID,
                           "Cookiebot holds no consent yet");
      return NULL;
    }

  if (!lectern_cookiebot_parse_consent (json, record, error))
    return NULL;

  return g_steal_pointer (&json);
}

/* Whether Cookiebot already holds an answer, and exactly the choices for
 * each of its switches. */
static gboolean
holds_choices (LecternCmpBudget           *budget,
               JSCValue                   *cookiebot,
               const LecternConsentRecord *held,
               const LecternSiteChoices   *choices)
{
  g_autoptr(JSCValue) has_response = NULL;

  has_response = lectern_cmp_js_dup_property (budget, cookiebot, "hasResponse");
  if (has_response == NULL || !jsc_value_is_boolean (has_response) || !jsc_value_to_boolean (has_response))
    return FALSE;

  return lectern_cookiebot_holds_choices (held, choices);
}

static void
submit_choices (JSCValue                 *cookiebot,
                JSCContext               *context,
                const LecternSiteChoices *choices)
{
  g_autoptr(JSCValue) result = NULL;
  gboolean preferences, statistics, marketing;

  lectern_cookiebot_build_submission (choices, &preferences, &statistics, &marketing);
  result = jsc_value_object_invoke_method (cookiebot, "submitCustomConsent",
                                           G_TYPE_BOOLEAN, preferences,
                                           G_TYPE_BOOLEAN, statistics,
                                           G_TYPE_BOOLEAN, marketing,
                                           G_TYPE_NONE);
  lectern_cmp_js_clear_exception (context);
}

static LecternCmpOutcome *
probe (LecternCmpPage *page,
       gpointer        tool_state,
       JSCContext     *context)
{
  CookiebotState *state = tool_state;
  LecternCmpBudget *budget = lectern_cmp_page_get_budget (page);
  const LecternSiteChoices *choices = lectern_cmp_page_get_choices (page);
  gboolean alone = lectern_cmp_leaves_banner_alone (choices);
  g_autoptr(JSCValue) window = jsc_context_get_global_object (context);
  g_autoptr(JSCValue) cookiebot = lectern_cmp_js_dup_object (budget, window, "Cookiebot");
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *held_json = NULL;
  LecternConsentRecord held;
  GDateTime *applied;
  const char *action;

  if (cookiebot == NULL)
    return NULL;

  /* Once per document, and only when the tool holds something else: each
   * submission is logged on Cookiebot's servers as a new consent. */
  lectern_consent_record_init (&held);
  held_json = read_consent (budget, cookiebot, &held, NULL);
  if (!alone && choices != NULL && !state->checked &&
      lectern_cmp_js_has_function (budget, cookiebot, "submitCustomConsent"))
    {
      state->checked = TRUE;
      if (!holds_choices (budget, cookiebot, &held, choices))
        {
          submit_choices (cookiebot, context, choices);
          state->submitted = TRUE;
          lectern_cmp_page_mark_applied (page);
        }
    }

  if (alone)
    action = "left-alone";
  else if (state->submitted)
    action = "submit-custom-consent";
  else
    action = "read-only";

  outcome = lectern_cmp_outcome_new (TOOL_NAME, action);
  applied = lectern_cmp_page_get_applied (page);
  if (applied != NULL && !alone)
    outcome->applied = g_date_time_ref (applied);

  g_clear_pointer (&held_json, g_free);
  held_json = read_consent (budget, cookiebot, &outcome->recorded, &error);
  outcome->detail = lectern_cmp_dup_detail (held_json != NULL ? held_json : error->message);

  /* Left alone, the banner waits until Cookiebot has the reader's answer. */
  if (alone)
    {
      g_autoptr(JSCValue) response = lectern_cmp_js_dup_property (budget, cookiebot, "hasResponse");

      outcome->awaiting = response != NULL && jsc_value_is_boolean (response) && !jsc_value_to_boolean (response);
    }

  return g_steal_pointer (&outcome);
}

const LecternCmpTool lectern_cmp_cookiebot = {
  .name = TOOL_NAME,
  .state_new = state_new,
  .state_free = state_free,
  .probe = probe,
};
