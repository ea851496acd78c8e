/* lectern-cmp-agent.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-agent.h"

#include <string.h>

#include "lectern-cmp-outcome.h"
#include "lectern-cookiebot-codec.h"
#include "lectern-ipc.h"
#include "lectern-onetrust-codec.h"
#include "lectern-party.h"
#include "lectern-tcf-decoder.h"

/**
 * LecternCmpAgent:
 *
 * Answers a page's consent tool with the site's choices and reads back
 * what the tool recorded, in the web process:
 *
 * - OneTrust: the `OptanonConsent` and `OptanonAlertBoxClosed` cookies,
 *   written before the tool's scripts run (at once when the site is known
 *   to use OneTrust, else as soon as the page asks for OneTrust's script),
 *   so the tool finds the choice made and shows no banner; groups the site
 *   renamed are set with `OneTrust.UpdateConsent` and their names kept for
 *   the next page of the site; read back from `OnetrustActiveGroups`.
 * - Cookiebot: `Cookiebot.submitCustomConsent`, never a written cookie;
 *   read back from `Cookiebot.consent`.
 * - IAB TCF v2: the TC string, read through `__tcfapi`, never written.
 *
 * Everything runs on the page's own script world through the JavaScript
 * API, never through a message handler: a page can lie in what its tool
 * holds, but it cannot make up a message from Lectern. What was found goes
 * to the view as one LecternCmpOutcome each time it changes.
 */

/* Consent tools load late: look for them when the document has loaded,
 * then a few times more, in milliseconds after that. */
static const guint probe_delays_ms[] = { 0, 300, 800, 1500, 2500, 4000 };

/* OneTrust keeps its cookies a year. */
#define ONETRUST_COOKIE_MAX_AGE "31536000"

/* Cut the tool's own words to this many characters in the outcome. */
#define MAX_DETAIL_CHARS 300

struct _LecternCmpAgent
{
  GObject         parent_instance;

  /* Borrowed */
  LecternBlocker *blocker;

  /* Owned */
  /* site → LecternOneTrustGroups: the sites seen using OneTrust, with
   * their groups; a site with standard groups maps to NULL */
  GHashTable     *onetrust_sites;
};

G_DEFINE_FINAL_TYPE (LecternCmpAgent, lectern_cmp_agent, G_TYPE_OBJECT)

/* What the agent knows of the document in a page's main frame. */
typedef struct
{
  gatomicrefcount    ref_count;
  LecternCmpAgent   *agent;
  GWeakRef           page;
  /* The page's main frame, as the document's window was made */
  GWeakRef           main_frame;

  /* Each document gets a new number, so that late timers and callbacks of
   * the document before do nothing. */
  guint              generation;
  char              *uri;
  guint              probe_source;
  guint              n_probes;

  gboolean           onetrust_written;
  gboolean           onetrust_write_pending;
  gboolean           onetrust_checked;
  gboolean           onetrust_groups_sent;
  gboolean           onetrust_updated;
  gboolean           cookiebot_checked;
  gboolean           cookiebot_submitted;
  gboolean           tcf_listening;
  GDateTime         *applied;

  /* The TC string's outcome, as the tool's last callback gave it */
  LecternCmpOutcome *tcf_outcome;
  LecternCmpOutcome *last_sent;
} PageState;

static PageState *
page_state_ref (PageState *state)
{
  g_atomic_ref_count_inc (&state->ref_count);

  return state;
}

static void
page_state_unref (PageState *state)
{
  if (!g_atomic_ref_count_dec (&state->ref_count))
    return;

  g_clear_handle_id (&state->probe_source, g_source_remove);
  g_weak_ref_clear (&state->page);
  g_weak_ref_clear (&state->main_frame);
  g_free (state->uri);
  g_clear_pointer (&state->applied, g_date_time_unref);
  g_clear_pointer (&state->tcf_outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&state->last_sent, lectern_cmp_outcome_free);
  g_free (state);
}

#define PAGE_STATE_KEY "lectern-cmp-agent-state"

static PageState *
get_page_state (WebKitWebPage *page)
{
  return g_object_get_data (G_OBJECT (page), PAGE_STATE_KEY);
}

/* A timer or callback that knows which document it was made for. */
typedef struct
{
  PageState *state;
  guint      generation;
} DocumentRef;

static DocumentRef *
document_ref_new (PageState *state)
{
  DocumentRef *ref = g_new0 (DocumentRef, 1);

  ref->state = page_state_ref (state);
  ref->generation = state->generation;

  return ref;
}

static void
document_ref_free (DocumentRef *ref)
{
  page_state_unref (ref->state);
  g_free (ref);
}

/* Returns: (transfer full) (nullable): the page, if it still shows the
 * document @ref was made for */
static WebKitWebPage *
document_ref_dup_page (DocumentRef *ref)
{
  if (ref->generation != ref->state->generation)
    return NULL;

  return g_weak_ref_get (&ref->state->page);
}

/* Returns: (transfer full) (nullable): the main frame's context in the
 * page's own script world */
static JSCContext *
dup_main_context (PageState *state)
{
  g_autoptr(WebKitFrame) frame = g_weak_ref_get (&state->main_frame);

  if (frame == NULL)
    return NULL;

  return webkit_frame_get_js_context (frame);
}

static const LecternSiteChoices *
get_choices (LecternCmpAgent *self,
             const char      *uri)
{
  g_autofree char *site = uri != NULL ? lectern_party_dup_site_for_uri (uri) : NULL;

  return lectern_blocker_get_choices (self->blocker, site);
}

/* The reader's per-site "leave the banner alone": then Lectern tells the
 * tool nothing and only reads back what it holds. */
static gboolean
leaves_banner_alone (const LecternSiteChoices *choices)
{
  return choices != NULL && lectern_site_choices_get_leave_banner (choices);
}

static gboolean
is_web_document (const char *uri)
{
  return uri != NULL && (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"));
}

/* Clears what the page's script threw at the API's call, so that the
 * next call starts clean; the page's errors are its own business. */
static void
clear_exception (JSCContext *context)
{
  if (jsc_context_get_exception (context) != NULL)
    jsc_context_clear_exception (context);
}

static JSCValue *
get_object (JSCValue   *value,
            const char *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (value == NULL || !jsc_value_is_object (value))
    return NULL;

  property = jsc_value_object_get_property (value, name);
  if (property == NULL || !jsc_value_is_object (property))
    return NULL;

  return g_steal_pointer (&property);
}

static char *
get_string (JSCValue   *value,
            const char *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (value == NULL || !jsc_value_is_object (value))
    return NULL;

  property = jsc_value_object_get_property (value, name);
  if (property == NULL || !jsc_value_is_string (property))
    return NULL;

  return jsc_value_to_string (property);
}

static gboolean
has_function (JSCValue   *value,
              const char *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (value == NULL || !jsc_value_is_object (value))
    return FALSE;

  property = jsc_value_object_get_property (value, name);

  return property != NULL && jsc_value_is_function (property);
}

static char *
cut_detail (const char *text)
{
  if (g_utf8_strlen (text, -1) <= MAX_DETAIL_CHARS)
    return g_strdup (text);

  return g_utf8_substring (text, 0, MAX_DETAIL_CHARS);
}

static void
send_outcome (PageState         *state,
              WebKitWebPage     *page,
              LecternCmpOutcome *outcome)
{
  if (lectern_cmp_outcome_equal (state->last_sent, outcome))
    return;

  g_clear_pointer (&state->last_sent, lectern_cmp_outcome_free);
  state->last_sent = lectern_cmp_outcome_copy (outcome);

  webkit_web_page_send_message_to_view (page,
                                        webkit_user_message_new (LECTERN_IPC_CMP_OUTCOME,
                                                                 g_variant_new ("(s@" LECTERN_CMP_OUTCOME_VARIANT_TYPE ")",
                                                                                state->uri,
                                                                                lectern_cmp_outcome_to_variant (outcome))),
                                        NULL, NULL, NULL);
}

static void
mark_applied (PageState *state)
{
  g_clear_pointer (&state->applied, g_date_time_unref);
  state->applied = g_date_time_new_now_utc ();
}

/* OneTrust */

static const LecternOneTrustGroups *
lookup_onetrust_groups (LecternCmpAgent *self,
                        const char      *uri,
                        gboolean        *known)
{
  g_autofree char *site = lectern_party_dup_site_for_uri (uri);
  gpointer groups = NULL;

  *known = site != NULL && g_hash_table_lookup_extended (self->onetrust_sites, site, NULL, &groups);

  return groups;
}

static gboolean
has_cookie (const char *cookies,
            const char *name)
{
  g_auto(GStrv) pairs = g_strsplit (cookies, ";", -1);
  gsize length = strlen (name);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = pairs[i];

      while (*pair == ' ')
        pair++;
      if (strncmp (pair, name, length) == 0 && pair[length] == '=')
        return TRUE;
    }

  return FALSE;
}

/* Writes the site's choices as OneTrust's own cookies into the main
 * frame's document. The cookies are the site's (a domain cookie, as
 * OneTrust writes them), so every page of the site finds them. */
static void
write_onetrust_cookies (PageState  *state,
                        JSCContext *context)
{
  LecternCmpAgent *self = state->agent;
  const LecternSiteChoices *choices = get_choices (self, state->uri);
  const LecternOneTrustGroups *groups;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JSCValue) document = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *site = NULL;
  g_autofree char *host = NULL;
  g_autofree char *attributes = NULL;
  gboolean known;

  if (state->onetrust_written || choices == NULL || leaves_banner_alone (choices))
    return;

  groups = lookup_onetrust_groups (self, state->uri, &known);
  consent = lectern_onetrust_build_consent (choices, groups, now, NULL, NULL);
  closed = lectern_onetrust_build_alert_box_closed (now);

  site = lectern_party_dup_site_for_uri (state->uri);
  host = lectern_party_dup_host_for_uri (state->uri);
  /* A host that is its own site, or an address, takes a host cookie. */
  if (site != NULL && host != NULL && !g_str_equal (site, host) && g_str_has_suffix (host, site))
    attributes = g_strdup_printf ("; domain=%s; path=/; max-age=" ONETRUST_COOKIE_MAX_AGE "; SameSite=Lax", site);
  else
    attributes = g_strdup ("; path=/; max-age=" ONETRUST_COOKIE_MAX_AGE "; SameSite=Lax");

  document = jsc_context_get_value (context, "document");
  if (document == NULL || !jsc_value_is_object (document))
    return;

  /* Without the site's groups, a standard cookie could undo what the
   * tool itself wrote in the site's own ids on an earlier visit: that
   * one stays, and the probe corrects what differs from the choices. */
  if (!known)
    {
      g_autofree char *cookies = get_string (document, "cookie");

      clear_exception (context);
      if (cookies != NULL && has_cookie (cookies, "OptanonConsent") && has_cookie (cookies, "OptanonAlertBoxClosed"))
        return;
    }

  {
    g_autofree char *consent_cookie = g_strconcat ("OptanonConsent=", consent, attributes, NULL);
    g_autofree char *closed_cookie = g_strconcat ("OptanonAlertBoxClosed=", closed, attributes, NULL);
    g_autoptr(JSCValue) consent_value = jsc_value_new_string (context, consent_cookie);
    g_autoptr(JSCValue) closed_value = jsc_value_new_string (context, closed_cookie);

    jsc_value_object_set_property (document, "cookie", consent_value);
    jsc_value_object_set_property (document, "cookie", closed_value);
    clear_exception (context);
  }

  state->onetrust_written = TRUE;
  mark_applied (state);
  g_debug ("OneTrust consent written for %s", state->uri);
}

static gboolean
write_onetrust_cookies_cb (gpointer user_data)
{
  DocumentRef *ref = user_data;
  g_autoptr(WebKitWebPage) page = document_ref_dup_page (ref);
  g_autoptr(JSCContext) context = NULL;

  ref->state->onetrust_write_pending = FALSE;
  if (page == NULL)
    return G_SOURCE_REMOVE;

  context = dup_main_context (ref->state);
  if (context != NULL)
    write_onetrust_cookies (ref->state, context);

  return G_SOURCE_REMOVE;
}

/* Whether @host, @host_length bytes long, is @domain or one of its
 * subdomains. */
static gboolean
host_is_under (const char *host,
               gsize       host_length,
               const char *domain)
{
  gsize length = strlen (domain);

  if (host_length < length || g_ascii_strncasecmp (host + host_length - length, domain, length) != 0)
    return FALSE;

  return host_length == length || host[host_length - length - 1] == '.';
}

/* Runs for every request of a page not yet given OneTrust's cookies, in
 * send-request: no allocation. */
static gboolean
is_onetrust_script (const char *uri)
{
  const char *host = strstr (uri, "://");
  gsize host_length;

  if (host != NULL)
    {
      host += 3;
      host_length = strcspn (host, "/:?#");
      if (host_is_under (host, host_length, "cookielaw.org") ||
          host_is_under (host, host_length, "onetrust.com"))
        return TRUE;
    }

  /* Sites that serve OneTrust's scripts from their own host keep the names. */
  return strstr (uri, "/otSDKStub.js") != NULL || strstr (uri, "/otBannerSdk.js") != NULL;
}

/* Returns: (transfer full) (nullable): `OneTrust.GetDomainData().Groups`
 * as JSON, written by the engine (not the page's JSON.stringify) */
static char *
dup_onetrust_groups_json (JSCValue   *onetrust,
                          JSCContext *context)
{
  g_autoptr(JSCValue) data = NULL;
  g_autoptr(JSCValue) groups = NULL;
  char *json = NULL;

  if (!has_function (onetrust, "GetDomainData"))
    return NULL;

  data = jsc_value_object_invoke_method (onetrust, "GetDomainData", G_TYPE_NONE);
  clear_exception (context);
  groups = get_object (data, "Groups");
  if (groups != NULL && jsc_value_is_array (groups))
    json = jsc_value_to_json (groups, 0);
  clear_exception (context);

  return json;
}

/* Tells OneTrust each group's state that differs from the choices, in the
 * site's own group ids. Returns whether anything was told. */
static gboolean
update_onetrust_groups (JSCValue                    *onetrust,
                        JSCContext                  *context,
                        const LecternOneTrustGroups *groups,
                        const LecternSiteChoices    *choices,
                        const char                  *active)
{
  g_auto(GStrv) ids = lectern_onetrust_groups_dup_ids (groups);
  g_auto(GStrv) active_ids = g_strsplit (active != NULL ? active : "", ",", -1);
  gboolean told = FALSE;

  if (!has_function (onetrust, "UpdateConsent"))
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      LecternCategory category = lectern_onetrust_groups_get_category (groups, ids[i]);
      gboolean wanted = lectern_onetrust_choices_grant (choices, category);
      gboolean is_active = g_strv_contains ((const char * const *) active_ids, ids[i]);
      g_autofree char *value = NULL;
      g_autoptr(JSCValue) result = NULL;

      /* Strictly necessary groups are always on: nothing to say. */
      if (category == LECTERN_CATEGORY_NECESSARY || wanted == is_active)
        continue;

      value = g_strdup_printf ("%s:%d", ids[i], wanted);
      result = jsc_value_object_invoke_method (onetrust, "UpdateConsent",
                                               G_TYPE_STRING, "Category",
                                               G_TYPE_STRING, value,
                                               G_TYPE_NONE);
      clear_exception (context);
      told = TRUE;
    }

  return told;
}

static LecternCmpOutcome *
probe_onetrust (PageState  *state,
                JSCContext *context)
{
  LecternCmpAgent *self = state->agent;
  const LecternSiteChoices *choices = get_choices (self, state->uri);
  gboolean alone = leaves_banner_alone (choices);
  g_autoptr(JSCValue) window = jsc_context_get_global_object (context);
  g_autoptr(JSCValue) onetrust = get_object (window, "OneTrust");
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *groups_json = NULL;
  g_autofree char *active = NULL;
  g_autofree char *site = NULL;
  const char *action;

  if (onetrust == NULL)
    onetrust = get_object (window, "Optanon");
  if (onetrust == NULL)
    return NULL;

  groups_json = dup_onetrust_groups_json (onetrust, context);
  groups = groups_json != NULL ? lectern_onetrust_groups_new_from_json (groups_json, &error) : NULL;
  if (groups == NULL)
    {
      /* Without its groups, nothing OneTrust holds can be read in
       * Lectern's categories, nor told to it. */
      outcome = lectern_cmp_outcome_new ("onetrust", "failed");
      outcome->detail = cut_detail (error != NULL ? error->message : "OneTrust.GetDomainData() gave no group list");
      return g_steal_pointer (&outcome);
    }

  /* Remember the site's groups: its next page gets the right cookie
   * before its scripts run, in this web process and, through the view,
   * in any other. */
  site = lectern_party_dup_site_for_uri (state->uri);
  if (site != NULL && !state->onetrust_groups_sent)
    {
      g_autoptr(WebKitWebPage) page = g_weak_ref_get (&state->page);
      g_autofree char *compact = lectern_onetrust_groups_to_json (groups);

      state->onetrust_groups_sent = TRUE;
      lectern_cmp_agent_set_onetrust_groups (self, site, compact);
      if (page != NULL)
        webkit_web_page_send_message_to_view (page,
                                              webkit_user_message_new (LECTERN_IPC_CMP_ONETRUST_GROUPS,
                                                                       g_variant_new ("(ss)", state->uri, compact)),
                                              NULL, NULL, NULL);
    }

  active = get_string (window, "OnetrustActiveGroups");
  clear_exception (context);

  /* Once per document: a tool that ignores what it is told is not told
   * again and again, it is caught in what it records. */
  if (!alone && choices != NULL && !state->onetrust_checked)
    {
      state->onetrust_checked = TRUE;
      if (update_onetrust_groups (onetrust, context, groups, choices, active))
        {
          state->onetrust_updated = TRUE;
          mark_applied (state);
          g_free (active);
          active = get_string (window, "OnetrustActiveGroups");
          clear_exception (context);
        }
    }

  if (alone)
    action = "left-alone";
  else if (state->onetrust_updated)
    action = "update-consent";
  else if (state->onetrust_written)
    action = "consent-cookie";
  else
    action = "read-only";

  outcome = lectern_cmp_outcome_new ("onetrust", action);
  if (state->applied != NULL && !alone)
    outcome->applied = g_date_time_ref (state->applied);

  if (active == NULL)
    {
      outcome->detail = g_strdup ("OneTrust reported no active groups yet");
    }
  else if (!lectern_onetrust_parse_active_groups (active, groups, &outcome->recorded, &error))
    {
      outcome->detail = cut_detail (error->message);
    }
  else
    {
      g_autofree char *detail = g_strconcat ("OnetrustActiveGroups ", active, NULL);

      outcome->detail = cut_detail (detail);
    }

  return g_steal_pointer (&outcome);
}

/* The page asked for OneTrust and got its cookies, but OneTrust itself
 * never came (blocked, slow, broken): what its cookie holds is then all
 * there is to say. */
static LecternCmpOutcome *
probe_onetrust_cookie (PageState  *state,
                       JSCContext *context)
{
  g_autoptr(JSCValue) document = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cookies = NULL;
  const LecternOneTrustGroups *groups;
  g_auto(GStrv) pairs = NULL;
  gboolean known;

  if (!state->onetrust_written)
    return NULL;

  document = jsc_context_get_value (context, "document");
  cookies = get_string (document, "cookie");
  clear_exception (context);
  if (cookies == NULL)
    return NULL;

  outcome = lectern_cmp_outcome_new ("onetrust", "consent-cookie");
  if (state->applied != NULL)
    outcome->applied = g_date_time_ref (state->applied);
  outcome->detail = g_strdup ("OneTrust wrote nothing itself; read from its cookie");

  groups = lookup_onetrust_groups (state->agent, state->uri, &known);
  pairs = g_strsplit (cookies, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = g_strchug (pairs[i]);

      if (g_str_has_prefix (pair, "OptanonConsent=") &&
          !lectern_onetrust_parse_consent (pair + strlen ("OptanonConsent="), groups, &outcome->recorded, &error))
        {
          g_free (outcome->detail);
          outcome->detail = cut_detail (error->message);
          break;
        }
    }

  return g_steal_pointer (&outcome);
}

/* Cookiebot */

/* Reads `Cookiebot.consent` into @record; returns what the tool holds,
 * in its own words, or %NULL with @error set. */
static char *
read_cookiebot_consent (JSCValue              *cookiebot,
                        JSCContext            *context,
                        LecternConsentRecord  *record,
                        GError               **error)
{
  g_autoptr(JSCValue) consent = get_object (cookiebot, "consent");
  g_autofree char *json = NULL;

  json = consent != NULL ? jsc_value_to_json (consent, 0) : NULL;
  clear_exception (context);

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
cookiebot_holds_choices (JSCValue                   *cookiebot,
                         const LecternConsentRecord *held,
                         const LecternSiteChoices   *choices)
{
  g_autoptr(JSCValue) has_response = NULL;

  if (!jsc_value_is_object (cookiebot))
    return FALSE;

  has_response = jsc_value_object_get_property (cookiebot, "hasResponse");
  if (has_response == NULL || !jsc_value_is_boolean (has_response) || !jsc_value_to_boolean (has_response))
    return FALSE;

  return lectern_cookiebot_holds_choices (held, choices);
}

static LecternCmpOutcome *
probe_cookiebot (PageState  *state,
                 JSCContext *context)
{
  const LecternSiteChoices *choices = get_choices (state->agent, state->uri);
  gboolean alone = leaves_banner_alone (choices);
  g_autoptr(JSCValue) window = jsc_context_get_global_object (context);
  g_autoptr(JSCValue) cookiebot = get_object (window, "Cookiebot");
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *held_json = NULL;
  LecternConsentRecord held;
  const char *action;

  if (cookiebot == NULL)
    return NULL;

  /* Once per document, and only when the tool holds something else: each
   * submission is logged on Cookiebot's servers as a new consent. */
  lectern_consent_record_init (&held);
  held_json = read_cookiebot_consent (cookiebot, context, &held, NULL);
  if (!alone && choices != NULL && !state->cookiebot_checked &&
      has_function (cookiebot, "submitCustomConsent"))
    {
      state->cookiebot_checked = TRUE;
      if (!cookiebot_holds_choices (cookiebot, &held, choices))
        {
          g_autoptr(JSCValue) result = NULL;
          gboolean preferences, statistics, marketing;

          lectern_cookiebot_build_submission (choices, &preferences, &statistics, &marketing);
          result = jsc_value_object_invoke_method (cookiebot, "submitCustomConsent",
                                                   G_TYPE_BOOLEAN, preferences,
                                                   G_TYPE_BOOLEAN, statistics,
                                                   G_TYPE_BOOLEAN, marketing,
                                                   G_TYPE_NONE);
          clear_exception (context);
          state->cookiebot_submitted = TRUE;
          mark_applied (state);
        }
    }

  if (alone)
    action = "left-alone";
  else if (state->cookiebot_submitted)
    action = "submit-custom-consent";
  else
    action = "read-only";

  outcome = lectern_cmp_outcome_new ("cookiebot", action);
  if (state->applied != NULL && !alone)
    outcome->applied = g_date_time_ref (state->applied);

  g_clear_pointer (&held_json, g_free);
  held_json = read_cookiebot_consent (cookiebot, context, &outcome->recorded, &error);
  outcome->detail = cut_detail (held_json != NULL ? held_json : error->message);

  return g_steal_pointer (&outcome);
}

/* IAB TCF v2 */

static void
tcf_listener_cb (JSCValue *tc_data,
                 JSCValue *success,
                 gpointer  user_data)
{
  DocumentRef *ref = user_data;
  PageState *state = ref->state;
  g_autoptr(WebKitWebPage) page = document_ref_dup_page (ref);
  const LecternSiteChoices *choices;
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tc_string = NULL;
  LecternTcfCore core;

  if (page == NULL)
    return;

  choices = get_choices (state->agent, state->uri);
  outcome = lectern_cmp_outcome_new ("tcf", leaves_banner_alone (choices) ? "left-alone" : "read-only");

  if (success != NULL && jsc_value_is_boolean (success) && !jsc_value_to_boolean (success))
    {
      outcome->detail = g_strdup ("The TCF tool answered with an error");
    }
  else if ((tc_string = get_string (tc_data, "tcString")) == NULL || tc_string[0] == '\0')
    {
      /* The banner is up and the reader has not answered it yet. */
      outcome->detail = g_strdup ("The TCF tool holds no TC string yet");
    }
  else if (!lectern_tcf_decode_core (tc_string, &core, &error))
    {
      outcome->detail = cut_detail (error->message);
    }
  else
    {
      g_autofree char *detail = g_strconcat ("TC string ", tc_string, NULL);

      lectern_tcf_core_add_to_record (&core, &outcome->recorded);
      outcome->detail = cut_detail (detail);
    }

  g_clear_pointer (&state->tcf_outcome, lectern_cmp_outcome_free);
  state->tcf_outcome = lectern_cmp_outcome_copy (outcome);

  /* OneTrust and Cookiebot carry a TCF API of their own; they speak for
   * themselves then. */
  if (state->last_sent == NULL || g_str_equal (state->last_sent->name, "tcf"))
    send_outcome (state, page, outcome);
}

static LecternCmpOutcome *
probe_tcf (PageState  *state,
           JSCContext *context)
{
  g_autoptr(JSCValue) window = jsc_context_get_global_object (context);
  g_autoptr(JSCValue) tcfapi = NULL;

  if (!has_function (window, "__tcfapi"))
    return NULL;

  if (!state->tcf_listening)
    {
      g_autoptr(JSCValue) listener = NULL;
      g_autoptr(JSCValue) result = NULL;

      state->tcf_listening = TRUE;
      listener = jsc_value_new_function (context, NULL,
                                         G_CALLBACK (tcf_listener_cb),
                                         document_ref_new (state), (GDestroyNotify) document_ref_free,
                                         G_TYPE_NONE, 2, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
      tcfapi = jsc_value_object_get_property (window, "__tcfapi");
      result = jsc_value_function_call (tcfapi,
                                        G_TYPE_STRING, "addEventListener",
                                        G_TYPE_INT, 2,
                                        JSC_TYPE_VALUE, listener,
                                        G_TYPE_NONE);
      clear_exception (context);
    }

  if (state->tcf_outcome != NULL)
    return lectern_cmp_outcome_copy (state->tcf_outcome);

  return NULL;
}

static void
schedule_probe (PageState *state);

static gboolean
probe_cb (gpointer user_data)
{
  DocumentRef *ref = user_data;
  PageState *state = ref->state;
  g_autoptr(WebKitWebPage) page = document_ref_dup_page (ref);
  g_autoptr(JSCContext) context = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;

  state->probe_source = 0;
  if (page == NULL)
    return G_SOURCE_REMOVE;

  state->n_probes++;
  context = dup_main_context (state);
  if (context == NULL)
    {
      /* No document to look in at this moment: the later probes may find
       * one, and the tool with it. */
      schedule_probe (state);
      return G_SOURCE_REMOVE;
    }

  outcome = probe_onetrust (state, context);
  if (outcome == NULL)
    outcome = probe_cookiebot (state, context);
  if (outcome == NULL)
    outcome = probe_tcf (state, context);
  if (outcome == NULL && state->n_probes == G_N_ELEMENTS (probe_delays_ms))
    outcome = probe_onetrust_cookie (state, context);

  if (outcome != NULL)
    send_outcome (state, page, outcome);

  schedule_probe (state);

  return G_SOURCE_REMOVE;
}

static void
schedule_probe (PageState *state)
{
  guint delay;

  g_clear_handle_id (&state->probe_source, g_source_remove);
  if (state->n_probes >= G_N_ELEMENTS (probe_delays_ms))
    return;

  delay = probe_delays_ms[state->n_probes];
  if (state->n_probes > 0)
    delay -= probe_delays_ms[state->n_probes - 1];

  state->probe_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay, probe_cb,
                                            document_ref_new (state),
                                            (GDestroyNotify) document_ref_free);
}

static void
document_loaded_cb (WebKitWebPage   *page,
                    LecternCmpAgent *self)
{
  PageState *state = get_page_state (page);

  if (state == NULL || !is_web_document (state->uri))
    return;

  state->n_probes = 0;
  schedule_probe (state);
}

static gboolean
send_request_cb (WebKitWebPage     *page,
                 WebKitURIRequest  *request,
                 WebKitURIResponse *redirected_response,
                 LecternCmpAgent   *self)
{
  PageState *state = get_page_state (page);
  const char *uri = webkit_uri_request_get_uri (request);

  if (state == NULL || state->onetrust_written || state->onetrust_write_pending ||
      !is_web_document (state->uri) || uri == NULL || !is_onetrust_script (uri))
    return FALSE;

  /* The page is about to load OneTrust: the cookies must be there before
   * its script runs, and the script is not here yet. Not from inside this
   * handler, which may run in the middle of the page's own script. */
  state->onetrust_write_pending = TRUE;
  g_idle_add_full (G_PRIORITY_HIGH, write_onetrust_cookies_cb,
                   document_ref_new (state), (GDestroyNotify) document_ref_free);

  return FALSE;
}

static gboolean
user_message_received_cb (WebKitWebPage     *page,
                          WebKitUserMessage *message,
                          LecternCmpAgent   *self)
{
  GVariant *parameters = webkit_user_message_get_parameters (message);
  const char *site;
  const char *groups;

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_CMP_ONETRUST_GROUPS) != 0)
    return FALSE;

  if (parameters == NULL ||
      !g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_CMP_ONETRUST_GROUPS_TYPE)))
    return TRUE;

  g_variant_get (parameters, "(&s&s)", &site, &groups);
  if (site[0] != '\0')
    lectern_cmp_agent_set_onetrust_groups (self, site, groups);

  return TRUE;
}

static void
window_object_cleared_cb (WebKitScriptWorld *world,
                          WebKitWebPage     *page,
                          WebKitFrame       *frame,
                          LecternCmpAgent   *self)
{
  PageState *state = get_page_state (page);
  g_autoptr(JSCContext) context = NULL;
  gboolean known;

  if (state == NULL || !webkit_frame_is_main_frame (frame))
    return;

  /* A new document in the page: start over. */
  state->generation++;
  g_clear_handle_id (&state->probe_source, g_source_remove);
  g_free (state->uri);
  state->uri = g_strdup (webkit_web_page_get_uri (page));
  g_weak_ref_set (&state->main_frame, frame);
  state->n_probes = 0;
  state->onetrust_written = FALSE;
  state->onetrust_write_pending = FALSE;
  state->onetrust_checked = FALSE;
  state->onetrust_groups_sent = FALSE;
  state->onetrust_updated = FALSE;
  state->cookiebot_checked = FALSE;
  state->cookiebot_submitted = FALSE;
  state->tcf_listening = FALSE;
  g_clear_pointer (&state->applied, g_date_time_unref);
  g_clear_pointer (&state->tcf_outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&state->last_sent, lectern_cmp_outcome_free);

  if (!is_web_document (state->uri))
    return;

  /* A site known to use OneTrust gets its cookies before any script of
   * the new document runs. */
  lookup_onetrust_groups (self, state->uri, &known);
  if (!known)
    return;

  context = webkit_frame_get_js_context_for_script_world (frame, world);
  write_onetrust_cookies (state, context);
}

/**
 * lectern_cmp_agent_watch_page:
 * @self: an agent
 * @page: a new page of the web process
 *
 * Answers the consent tools of every document @page shows.
 */
void
lectern_cmp_agent_watch_page (LecternCmpAgent *self,
                              WebKitWebPage   *page)
{
  PageState *state;

  g_return_if_fail (LECTERN_IS_CMP_AGENT (self));
  g_return_if_fail (WEBKIT_IS_WEB_PAGE (page));

  state = g_new0 (PageState, 1);
  g_atomic_ref_count_init (&state->ref_count);
  state->agent = self;
  g_weak_ref_init (&state->page, page);
  g_weak_ref_init (&state->main_frame, NULL);
  g_object_set_data_full (G_OBJECT (page), PAGE_STATE_KEY, state, (GDestroyNotify) page_state_unref);

  g_signal_connect_object (page, "document-loaded", G_CALLBACK (document_loaded_cb), self, 0);
  g_signal_connect_object (page, "send-request", G_CALLBACK (send_request_cb), self, 0);
  g_signal_connect_object (page, "user-message-received", G_CALLBACK (user_message_received_cb), self, 0);
}

/**
 * lectern_cmp_agent_set_onetrust_groups:
 * @self: an agent
 * @site: a site's registrable domain
 * @groups_json: `OneTrust.GetDomainData().Groups` as JSON
 *
 * Records that @site uses OneTrust, with these groups: its documents get
 * OneTrust's cookies, in the site's own group ids, before their scripts
 * run. Groups that cannot be read are ignored with a message; the site is
 * then still known to use OneTrust, with the standard groups.
 */
void
lectern_cmp_agent_set_onetrust_groups (LecternCmpAgent *self,
                                       const char      *site,
                                       const char      *groups_json)
{
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LECTERN_IS_CMP_AGENT (self));
  g_return_if_fail (site != NULL);

  groups = lectern_onetrust_groups_new_from_json (groups_json, &error);
  if (groups == NULL)
    g_message ("OneTrust groups of %s not understood: %s", site, error->message);

  /* Standard groups need no list: the codec's own ids are right. */
  if (groups != NULL && lectern_onetrust_groups_is_standard (groups))
    g_clear_pointer (&groups, lectern_onetrust_groups_free);

  g_hash_table_replace (self->onetrust_sites, g_strdup (site), g_steal_pointer (&groups));
}

/**
 * lectern_cmp_agent_new:
 * @blocker: the extension's blocker, which holds every site's choices and
 *   outlives the agent
 *
 * Returns: (transfer full): a new agent, watching the default script
 *   world of every page
 */
LecternCmpAgent *
lectern_cmp_agent_new (LecternBlocker *blocker)
{
  LecternCmpAgent *self;

  g_return_val_if_fail (blocker != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_CMP_AGENT, NULL);
  self->blocker = blocker;

  g_signal_connect_object (webkit_script_world_get_default (), "window-object-cleared",
                           G_CALLBACK (window_object_cleared_cb), self, 0);

  return self;
}

static void
lectern_cmp_agent_finalize (GObject *object)
{
  LecternCmpAgent *self = LECTERN_CMP_AGENT (object);

  g_clear_pointer (&self->onetrust_sites, g_hash_table_unref);

  G_OBJECT_CLASS (lectern_cmp_agent_parent_class)->finalize (object);
}

static void
lectern_cmp_agent_class_init (LecternCmpAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_cmp_agent_finalize;
}

static void
lectern_cmp_agent_init (LecternCmpAgent *self)
{
  self->onetrust_sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) lectern_onetrust_groups_free);
}
