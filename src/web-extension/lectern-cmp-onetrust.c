/* lectern-cmp-onetrust.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-cmp-js.h"
#include "lectern-cmp-tool.h"
#include "lectern-ipc.h"
#include "lectern-onetrust-codec.h"
#include "lectern-party.h"

/* OneTrust: the `OptanonConsent` and `OptanonAlertBoxClosed` cookies,
 * written before the tool's scripts run (at once when the site is known
 * to use OneTrust, else as soon as the page asks for OneTrust's script),
 * so the tool finds the choice made and shows no banner; groups the site
 * renamed are set with `OneTrust.UpdateConsent` and their names kept for
 * the next page of the site; read back from `OnetrustActiveGroups`. */

#define TOOL_NAME "onetrust"

/* OneTrust keeps its cookies a year. */
#define COOKIE_MAX_AGE "31536000"

/* What OneTrust did in one document of a page. */
typedef struct
{
  /* Borrowed: site → LecternOneTrustGroups, the sites seen using
   * OneTrust, with their groups; a site with standard groups maps to NULL */
  GHashTable *sites;

  gboolean    written;
  gboolean    write_pending;
  gboolean    checked;
  gboolean    groups_sent;
  gboolean    updated;
} OneTrustState;

static gpointer
data_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) lectern_onetrust_groups_free);
}

static void
data_free (gpointer tool_data)
{
  g_hash_table_unref (tool_data);
}

static gpointer
state_new (gpointer tool_data)
{
  OneTrustState *state = g_new0 (OneTrustState, 1);

  state->sites = tool_data;

  return state;
}

static void
state_free (gpointer tool_state)
{
  g_free (tool_state);
}

static const LecternOneTrustGroups *
lookup_groups (GHashTable *sites,
               const char *uri,
               gboolean   *known)
{
  g_autofree char *site = lectern_party_dup_site_for_uri (uri);
  gpointer groups = NULL;

  *known = site != NULL && g_hash_table_lookup_extended (sites, site, NULL, &groups);

  return groups;
}

/* Records that @site uses OneTrust, with these groups: its documents get
 * OneTrust's cookies, in the site's own group ids, before their scripts
 * run. Groups that cannot be read are ignored with a message; the site is
 * then still known to use OneTrust, with the standard groups. */
static void
set_groups (GHashTable *sites,
            const char *site,
            const char *groups_json)
{
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autoptr(GError) error = NULL;

  groups = lectern_onetrust_groups_new_from_json (groups_json, &error);
  if (groups == NULL)
    g_message ("OneTrust groups of %s not understood: %s", site, error->message);

  /* Standard groups need no list: the codec's own ids are right. */
  if (groups != NULL && lectern_onetrust_groups_is_standard (groups))
    g_clear_pointer (&groups, lectern_onetrust_groups_free);

  g_hash_table_replace (sites, g_strdup (site), g_steal_pointer (&groups));
}

/* The view tells every page, as it starts loading, the groups remembered
 * for its site. */
static gboolean
message_received (gpointer           tool_data,
                  WebKitUserMessage *message)
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
    set_groups (tool_data, site, groups);

  return TRUE;
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
write_cookies (LecternCmpPage *page,
               OneTrustState  *state,
               JSCContext     *context)
{
  const char *uri = lectern_cmp_page_get_uri (page);
  const LecternSiteChoices *choices = lectern_cmp_page_get_choices (page);
  const LecternOneTrustGroups *groups;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JSCValue) document = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *site = NULL;
  g_autofree char *host = NULL;
  g_autofree char *attributes = NULL;
  gboolean known;

  if (state->written || choices == NULL || lectern_cmp_leaves_banner_alone (choices))
    return;

  groups = lookup_groups (state->sites, uri, &known);
  consent = lectern_onetrust_build_consent (choices, groups, now, NULL, NULL);
  closed = lectern_onetrust_build_alert_box_closed (now);

  site = lectern_party_dup_site_for_uri (uri);
  host = lectern_party_dup_host_for_uri (uri);
  /* A host that is its own site, or an address, takes a host cookie. */
  if (site != NULL && host != NULL && !g_str_equal (site, host) && g_str_has_suffix (host, site))
    attributes = g_strdup_printf ("; domain=%s; path=/; max-age=" COOKIE_MAX_AGE "; SameSite=Lax", site);
  else
    attributes = g_strdup ("; path=/; max-age=" COOKIE_MAX_AGE "; SameSite=Lax");

  document = jsc_context_get_value (context, "document");
  if (document == NULL || !jsc_value_is_object (document))
    return;

  /* Without the site's groups, a standard cookie could undo what the
   * tool itself wrote in the site's own ids on an earlier visit: that
   * one stays, and the probe corrects what differs from the choices. */
  if (!known)
    {
      LecternCmpBudget budget = { 0 };
      g_autofree char *cookies = NULL;

      lectern_cmp_budget_start (&budget);
      cookies = lectern_cmp_js_dup_string (&budget, document, "cookie");

      lectern_cmp_js_clear_exception (context);
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
    lectern_cmp_js_clear_exception (context);
  }

  state->written = TRUE;
  lectern_cmp_page_mark_applied (page);
  g_debug ("OneTrust consent written for %s", uri);
}

static gboolean
write_cookies_cb (gpointer user_data)
{
  LecternCmpDocumentRef *ref = user_data;
  LecternCmpPage *page = lectern_cmp_document_ref_get_page (ref);
  OneTrustState *state = lectern_cmp_page_get_state (page, &lectern_cmp_onetrust);
  g_autoptr(WebKitWebPage) web_page = lectern_cmp_document_ref_dup_web_page (ref);
  g_autoptr(JSCContext) context = NULL;

  state->write_pending = FALSE;
  if (web_page == NULL)
    return G_SOURCE_REMOVE;

  context = lectern_cmp_page_dup_main_context (page);
  if (context != NULL)
    write_cookies (page, state, context);

  return G_SOURCE_REMOVE;
}

/* A site known to use OneTrust gets its cookies before any script of a
 * new document runs. */
static void
document_started (LecternCmpPage    *page,
                  gpointer           tool_state,
                  WebKitFrame       *frame,
                  WebKitScriptWorld *world)
{
  OneTrustState *state = tool_state;
  g_autoptr(JSCContext) context = NULL;
  gboolean known;

  lookup_groups (state->sites, lectern_cmp_page_get_uri (page), &known);
  if (!known)
    return;

  context = webkit_frame_get_js_context_for_script_world (frame, world);
  write_cookies (page, state, context);
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

static void
request_sent (LecternCmpPage *page,
              gpointer        tool_state,
              const char     *uri)
{
  OneTrustState *state = tool_state;

  if (state->written || state->write_pending || !is_onetrust_script (uri))
    return;

  /* The page is about to load OneTrust: the cookies must be there before
   * its script runs, and the script is not here yet. Not from inside this
   * handler, which may run in the middle of the page's own script. */
  state->write_pending = TRUE;
  g_idle_add_full (G_PRIORITY_HIGH, write_cookies_cb,
                   lectern_cmp_document_ref_new (page), (GDestroyNotify) lectern_cmp_document_ref_free);
}

/* Reads `OneTrust.GetDomainData().Groups`: each group's id and name, and
 * nothing else of what the page put there, within @budget.
 *
 * Returns: (transfer full) (nullable): the groups, or %NULL with @detail
 *   saying why (unless @budget was exceeded, which says it) */
static LecternOneTrustGroups *
read_groups (LecternCmpBudget  *budget,
             JSCValue          *onetrust,
             JSCContext        *context,
             char             **detail)
{
  g_autoptr(LecternOneTrustGroups) groups = lectern_onetrust_groups_new ();
  g_autoptr(JSCValue) data = NULL;
  g_autoptr(JSCValue) list = NULL;
  g_autofree char *json = NULL;
  guint n_groups;

  if (!lectern_cmp_js_has_function (budget, onetrust, "GetDomainData"))
    return NULL;

  data = jsc_value_object_invoke_method (onetrust, "GetDomainData", G_TYPE_NONE);
  lectern_cmp_js_clear_exception (context);
  list = lectern_cmp_js_dup_object (budget, data, "Groups");
  if (!lectern_cmp_js_get_length (budget, list, LECTERN_CMP_MAX_GROUPS, "it holds more than 256 groups", &n_groups))
    {
      *detail = g_strdup ("OneTrust.GetDomainData() gave no group list");
      return NULL;
    }

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(JSCValue) group = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;

      if (lectern_cmp_budget_spent (budget))
        return NULL;

      group = jsc_value_object_get_property_at_index (list, i);
      lectern_cmp_js_clear_exception (context);

      /* The id the cookie and OnetrustActiveGroups use, else the one
       * older versions of the tool use for both. */
      id = lectern_cmp_js_dup_string (budget, group, "CustomGroupId");
      if (id == NULL)
        id = lectern_cmp_js_dup_string (budget, group, "OptanonGroupId");
      name = lectern_cmp_js_dup_string (budget, group, "GroupName");
      if (lectern_cmp_budget_spent (budget))
        return NULL;

      if (id == NULL)
        {
          *detail = g_strdup_printf ("OneTrust group %u has no group id", i + 1);
          return NULL;
        }

      if (!lectern_onetrust_groups_add (groups, id, name, &error))
        {
          *detail = g_strdup (error->message);
          return NULL;
        }
    }

  /* What is remembered for the site, and sent to the view, stays small. */
  json = lectern_onetrust_groups_to_json (groups);
  if (strlen (json) > LECTERN_CMP_MAX_JSON_BYTES)
    {
      lectern_cmp_budget_exceed (budget, "its groups make more than 64 KiB of JSON");
      return NULL;
    }

  return g_steal_pointer (&groups);
}

/* Remembers the site's groups: its next page gets the right cookie before
 * its scripts run, in this web process and, through the view, in any
 * other. */
static void
remember_groups (LecternCmpPage              *page,
                 OneTrustState               *state,
                 const LecternOneTrustGroups *groups)
{
  const char *uri = lectern_cmp_page_get_uri (page);
  g_autofree char *site = lectern_party_dup_site_for_uri (uri);
  g_autoptr(WebKitWebPage) web_page = NULL;
  g_autofree char *compact = NULL;

  if (site == NULL || state->groups_sent)
    return;

  web_page = lectern_cmp_page_dup_web_page (page);
  compact = lectern_onetrust_groups_to_json (groups);
  state->groups_sent = TRUE;
  set_groups (state->sites, site, compact);
  if (web_page != NULL)
    webkit_web_page_send_message_to_view (web_page,
                                          webkit_user_message_new (LECTERN_IPC_CMP_ONETRUST_GROUPS,
                                                                   g_variant_new ("(ss)", uri, compact)),
                                          NULL, NULL, NULL);
}

/* Tells OneTrust each group's state that differs from the choices, in the
 * site's own group ids. Returns whether anything was told. */
static gboolean
update_groups (LecternCmpBudget            *budget,
               JSCValue                    *onetrust,
               JSCContext                  *context,
               const LecternOneTrustGroups *groups,
               const LecternSiteChoices    *choices,
               const char                  *active)
{
  g_auto(GStrv) ids = lectern_onetrust_groups_dup_ids (groups);
  g_auto(GStrv) active_ids = g_strsplit (active != NULL ? active : "", ",", -1);
  gboolean told = FALSE;

  if (!lectern_cmp_js_has_function (budget, onetrust, "UpdateConsent"))
    return FALSE;

  for (guint i = 0; ids[i] != NULL && !lectern_cmp_budget_spent (budget); i++)
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
      lectern_cmp_js_clear_exception (context);
      told = TRUE;
    }

  return told;
}

/* What OneTrust holds, @active being its `OnetrustActiveGroups`, and what
 * Lectern did with it in this document. */
static LecternCmpOutcome *
new_outcome (LecternCmpPage              *page,
             OneTrustState               *state,
             gboolean                     alone,
             const LecternOneTrustGroups *groups,
             const char                  *active)
{
  GDateTime *applied = lectern_cmp_page_get_applied (page);
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char *action;

  if (alone)
    action = "left-alone";
  else if (state->updated)
    action = "update-consent";
  else if (state->written)
    action = "consent-cookie";
  else
    action = "read-only";

  outcome = lectern_cmp_outcome_new (TOOL_NAME, action);
  if (applied != NULL && !alone)
    outcome->applied = g_date_time_ref (applied);

  if (active == NULL)
    {
      outcome->detail = g_strdup ("OneTrust reported no active groups yet");
    }
  else if (!lectern_onetrust_parse_active_groups (active, groups, &outcome->recorded, &error))
    {
      outcome->detail = lectern_cmp_dup_detail (error->message);
    }
  else
    {
      g_autofree char *detail = g_strconcat ("OnetrustActiveGroups ", active, NULL);

      outcome->detail = lectern_cmp_dup_detail (detail);
    }

  return g_steal_pointer (&outcome);
}

/* Whether the reader closed OneTrust's banner, one way or another. A
 * OneTrust that cannot say is not taken to be waiting. */
static gboolean
is_answered (LecternCmpBudget *budget,
             JSCValue         *onetrust,
             JSCContext       *context)
{
  g_autoptr(JSCValue) closed = NULL;
  gboolean answered = TRUE;

  if (!lectern_cmp_js_has_function (budget, onetrust, "IsAlertBoxClosed"))
    return TRUE;

  closed = jsc_value_object_invoke_method (onetrust, "IsAlertBoxClosed", G_TYPE_NONE);
  if (closed != NULL && jsc_value_is_boolean (closed))
    answered = jsc_value_to_boolean (closed);
  lectern_cmp_js_clear_exception (context);

  return answered;
}

static LecternCmpOutcome *
probe (LecternCmpPage *page,
       gpointer        tool_state,
       JSCContext     *context)
{
  OneTrustState *state = tool_state;
  LecternCmpBudget *budget = lectern_cmp_page_get_budget (page);
  const LecternSiteChoices *choices = lectern_cmp_page_get_choices (page);
  gboolean alone = lectern_cmp_leaves_banner_alone (choices);
  g_autoptr(JSCValue) window = jsc_context_get_global_object (context);
  g_autoptr(JSCValue) onetrust = lectern_cmp_js_dup_object (budget, window, "OneTrust");
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *active = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;

  if (onetrust == NULL)
    onetrust = lectern_cmp_js_dup_object (budget, window, "Optanon");
  if (onetrust == NULL)
    return NULL;

  groups = read_groups (budget, onetrust, context, &detail);
  if (groups == NULL)
    {
      /* Without its groups, nothing OneTrust holds can be read in
       * Lectern's categories, nor told to it. */
      outcome = lectern_cmp_outcome_new (TOOL_NAME, "failed");
      outcome->detail = lectern_cmp_dup_detail (detail != NULL ? detail : "OneTrust.GetDomainData() gave no group list");
      return g_steal_pointer (&outcome);
    }

  remember_groups (page, state, groups);

  active = lectern_cmp_js_dup_string (budget, window, "OnetrustActiveGroups");

  /* Once per document: a tool that ignores what it is told is not told
   * again and again, it is caught in what it records. */
  if (!alone && choices != NULL && !state->checked)
    {
      state->checked = TRUE;
      if (update_groups (budget, onetrust, context, groups, choices, active))
        {
          state->updated = TRUE;
          lectern_cmp_page_mark_applied (page);
          g_free (active);
          active = lectern_cmp_js_dup_string (budget, window, "OnetrustActiveGroups");
        }
    }

  outcome = new_outcome (page, state, alone, groups, active);
  if (alone)
    outcome->awaiting = !is_answered (budget, onetrust, context);

  return g_steal_pointer (&outcome);
}

/* The page asked for OneTrust and got its cookies, but OneTrust itself
 * never came (blocked, slow, broken): what its cookie holds is then all
 * there is to say. */
static LecternCmpOutcome *
last_probe (LecternCmpPage *page,
            gpointer        tool_state,
            JSCContext     *context)
{
  OneTrustState *state = tool_state;
  GDateTime *applied = lectern_cmp_page_get_applied (page);
  g_autoptr(JSCValue) document = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cookies = NULL;
  const LecternOneTrustGroups *groups;
  g_auto(GStrv) pairs = NULL;
  gboolean known;

  if (!state->written)
    return NULL;

  document = jsc_context_get_value (context, "document");
  cookies = lectern_cmp_js_dup_string (lectern_cmp_page_get_budget (page), document, "cookie");
  if (cookies == NULL)
    return NULL;

  outcome = lectern_cmp_outcome_new (TOOL_NAME, "consent-cookie");
  if (applied != NULL)
    outcome->applied = g_date_time_ref (applied);
  outcome->detail = g_strdup ("OneTrust wrote nothing itself; read from its cookie");

  groups = lookup_groups (state->sites, lectern_cmp_page_get_uri (page), &known);
  pairs = g_strsplit (cookies, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = g_strchug (pairs[i]);

      if (g_str_has_prefix (pair, "OptanonConsent=") &&
          !lectern_onetrust_parse_consent (pair + strlen ("OptanonConsent="), groups, &outcome->recorded, &error))
        {
          g_free (outcome->detail);
          outcome->detail = lectern_cmp_dup_detail (error->message);
          break;
        }
    }

  return g_steal_pointer (&outcome);
}

const LecternCmpTool lectern_cmp_onetrust = {
  .name = TOOL_NAME,
  .data_new = data_new,
  .data_free = data_free,
  .message_received = message_received,
  .state_new = state_new,
  .state_free = state_free,
  .document_started = document_started,
  .request_sent = request_sent,
  .probe = probe,
  .last_probe = last_probe,
};
