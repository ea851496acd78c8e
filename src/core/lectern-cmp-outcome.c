/* lectern-cmp-outcome.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-outcome.h"

#include <string.h>

#include "lectern-json.h"

/* What a LecternConsentRecord's bits may hold: one per category. */
#define CATEGORY_BITS ((1u << LECTERN_N_CATEGORIES) - 1)

/* Longer names, actions or details come from a page that is not a
 * consent tool: they are cut rather than carried whole. */
#define MAX_NAME_LENGTH   64
#define MAX_DETAIL_LENGTH 1024

G_DEFINE_BOXED_TYPE (LecternCmpOutcome, lectern_cmp_outcome,
                     lectern_cmp_outcome_copy, lectern_cmp_outcome_free)

/**
 * lectern_cmp_outcome_new:
 * @name: the consent tool's name
 * @action: what Lectern did with it
 *
 * Returns: (transfer full): an outcome that records nothing yet
 */
LecternCmpOutcome *
lectern_cmp_outcome_new (const char *name,
                         const char *action)
{
  LecternCmpOutcome *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (action != NULL, NULL);

  self = g_new0 (LecternCmpOutcome, 1);
  self->name = g_strdup (name);
  self->action = g_strdup (action);
  lectern_consent_record_init (&self->recorded);

  return self;
}

/**
 * lectern_cmp_outcome_copy:
 * @self: an outcome
 *
 * Returns: (transfer full): a deep copy of @self
 */
LecternCmpOutcome *
lectern_cmp_outcome_copy (const LecternCmpOutcome *self)
{
  LecternCmpOutcome *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lectern_cmp_outcome_new (self->name, self->action);
  copy->recorded = self->recorded;
  copy->detail = g_strdup (self->detail);
  copy->applied = self->applied != NULL ? g_date_time_ref (self->applied) : NULL;
  copy->awaiting = self->awaiting;

  return copy;
}

void
lectern_cmp_outcome_free (LecternCmpOutcome *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->action);
  g_free (self->detail);
  g_clear_pointer (&self->applied, g_date_time_unref);
  g_free (self);
}

/**
 * lectern_cmp_outcome_equal:
 * @a: (nullable): an outcome
 * @b: (nullable): another
 *
 * Returns: whether @a and @b say the same; two %NULL are equal
 */
gboolean
lectern_cmp_outcome_equal (const LecternCmpOutcome *a,
                           const LecternCmpOutcome *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_str_equal (a->name, b->name) &&
         g_str_equal (a->action, b->action) &&
         a->recorded.known == b->recorded.known &&
         a->recorded.granted == b->recorded.granted &&
         g_strcmp0 (a->detail, b->detail) == 0 &&
         a->awaiting == b->awaiting &&
         ((a->applied == NULL && b->applied == NULL) ||
          (a->applied != NULL && b->applied != NULL && g_date_time_equal (a->applied, b->applied)));
}

/**
 * lectern_cmp_outcome_add_tc_string:
 * @acted: (nullable): the page's outcome so far
 * @tcf: what the page's IAB TCF tool holds, read from its TC string
 *   (named "tcf")
 *
 * A TCF tool's banner may be answered by autoconsent, whose outcome names
 * its rule and what it did but records nothing; the TC string read since
 * says what the tool recorded. The two make one outcome: @acted's tool,
 * action and time, with @tcf's record (and its detail, when @acted has
 * none); a later TC string replaces an earlier one's record. With no
 * other outcome, @tcf stands alone. OneTrust and Cookiebot, which carry a
 * TCF API of their own, speak for themselves: they are not changed.
 *
 * Returns: (transfer full) (nullable): the outcome to show, or %NULL to
 *   keep @acted as it is
 */
LecternCmpOutcome *
lectern_cmp_outcome_add_tc_string (const LecternCmpOutcome *acted,
                                   const LecternCmpOutcome *tcf)
{
  LecternCmpOutcome *merged;

  g_return_val_if_fail (tcf != NULL, NULL);

  if (acted == NULL || g_str_equal (acted->name, tcf->name))
    return lectern_cmp_outcome_copy (tcf);

  if (g_str_equal (acted->name, "onetrust") || g_str_equal (acted->name, "cookiebot"))
    return NULL;

  merged = lectern_cmp_outcome_copy (acted);
  merged->recorded = tcf->recorded;
  if (merged->detail == NULL)
    merged->detail = g_strdup (tcf->detail);

  return merged;
}

static gint64
to_unix_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/**
 * lectern_cmp_outcome_to_variant:
 * @self: an outcome
 *
 * Serializes @self as %LECTERN_CMP_OUTCOME_VARIANT_TYPE.
 *
 * Returns: (transfer none): a floating #GVariant
 */
GVariant *
lectern_cmp_outcome_to_variant (const LecternCmpOutcome *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_variant_new ("(ssuusxb)", self->name, self->action,
                        self->recorded.known, self->recorded.granted,
                        self->detail != NULL ? self->detail : "",
                        self->applied != NULL ? to_unix_usec (self->applied) : (gint64) 0,
                        self->awaiting);
}

static char *
dup_cut (const char *text,
         gsize       max_chars)
{
  if (g_utf8_strlen (text, -1) <= (glong) max_chars)
    return g_strdup (text);

  return g_utf8_substring (text, 0, max_chars);
}

/**
 * lectern_cmp_outcome_new_from_variant:
 * @variant: a %LECTERN_CMP_OUTCOME_VARIANT_TYPE variant
 *
 * The reverse of lectern_cmp_outcome_to_variant(). The variant comes from
 * the web process, which runs the page: an empty name or action is
 * refused, bits beyond the categories are dropped, a category is only
 * granted where it is known, overlong text is cut, and a time outside
 * what a date can hold counts as never.
 *
 * Returns: (transfer full) (nullable): the outcome, or %NULL when
 *   @variant has the wrong type or no name or action
 */
LecternCmpOutcome *
lectern_cmp_outcome_new_from_variant (GVariant *variant)
{
  g_autoptr(LecternCmpOutcome) self = NULL;
  g_autofree char *name = NULL;
  g_autofree char *action = NULL;
  const char *name_in, *action_in, *detail;
  guint known, granted;
  gint64 applied;
  gboolean awaiting;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (LECTERN_CMP_OUTCOME_VARIANT_TYPE)))
    return NULL;

  g_variant_get (variant, "(&s&suu&sxb)", &name_in, &action_in, &known, &granted, &detail, &applied, &awaiting);
  if (name_in[0] == '\0' || action_in[0] == '\0')
    return NULL;

  name = dup_cut (name_in, MAX_NAME_LENGTH);
  action = dup_cut (action_in, MAX_NAME_LENGTH);
  self = lectern_cmp_outcome_new (name, action);
  self->recorded.known = known & CATEGORY_BITS;
  self->recorded.granted = granted & self->recorded.known;
  if (detail[0] != '\0')
    self->detail = dup_cut (detail, MAX_DETAIL_LENGTH);
  self->awaiting = awaiting;
  if (applied > 0)
    {
      g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (applied / G_USEC_PER_SEC);

      /* NULL past the year 9999: then the time is not known. */
      if (seconds != NULL)
        self->applied = g_date_time_add (seconds, applied % G_USEC_PER_SEC);
    }

  return g_steal_pointer (&self);
}

/**
 * lectern_cmp_outcome_build_json:
 * @self: (nullable): an outcome
 * @with_applied: whether to write when the choices were applied
 * @builder: a builder, where a value is expected
 *
 * Adds @self as the page report and the consent receipt have it:
 * `{"name", "action", "recorded": {category: granted, …}, "detail",
 * "applied", "awaiting"}`, with null for what is not known, or null for no
 * outcome.
 * "recorded" holds only the categories the tool said something about, in
 * category order. The receipt gives "applied" beside its choices, so it
 * leaves it out here.
 */
void
lectern_cmp_outcome_build_json (const LecternCmpOutcome *self,
                                gboolean                 with_applied,
                                JsonBuilder             *builder)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  if (self == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  lectern_json_add_string_member (builder, "name", self->name);
  lectern_json_add_string_member (builder, "action", self->action);
  json_builder_set_member_name (builder, "recorded");
  json_builder_begin_object (builder);
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean granted;

      if (lectern_consent_record_lookup (&self->recorded, category, &granted))
        lectern_json_add_boolean_member (builder, lectern_category_to_id (category), granted);
    }
  json_builder_end_object (builder);
  lectern_json_add_string_member (builder, "detail", self->detail);
  if (with_applied)
    {
      g_autofree char *applied = lectern_format_time (self->applied);

      lectern_json_add_string_member (builder, "applied", applied);
    }
  lectern_json_add_boolean_member (builder, "awaiting", self->awaiting);
  json_builder_end_object (builder);
}

/**
 * lectern_cmp_outcome_get_consent_cookies:
 * @self: an outcome
 *
 * The cookies in which the outcome's tool keeps the answer it was given:
 * deleting them makes its banner ask again. Tools known by autoconsent's
 * rule names are matched by the start of the name ("cookieyes-…").
 *
 * Returns: (transfer none) (array zero-terminated=1): the cookies' names,
 *   empty for a tool whose record Lectern does not know
 */
const char * const *
lectern_cmp_outcome_get_consent_cookies (const LecternCmpOutcome *self)
{
  static const char * const none[] = { NULL };
  static const struct
  {
    const char        *prefix;
    const char * const names[4];
  } tools[] = {
    { "onetrust", { "OptanonConsent", "OptanonAlertBoxClosed", NULL } },
    { "cookiebot", { "CookieConsent", NULL } },
    { "tcf", { "euconsent-v2", "addtl_consent", NULL } },
    { "cookieyes", { "cookieyes-consent", NULL } },
    { "didomi", { "didomi_token", "euconsent-v2", NULL } },
    { "quantcast", { "euconsent-v2", "addtl_consent", NULL } },
    { "sourcepoint", { "consentUUID", "euconsent-v2", NULL } },
    { "trustarc", { "notice_gdpr_prefs", "notice_preferences", "cmapi_cookie_privacy", NULL } },
    { "osano", { "osano_consentmanager", NULL } },
    { "cookiefirst", { "cookiefirst-consent", NULL } },
    { "axeptio", { "axeptio_cookies", "axeptio_authorized_vendors", NULL } },
  };

  g_return_val_if_fail (self != NULL, none);

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      if (g_ascii_strncasecmp (self->name, tools[i].prefix, strlen (tools[i].prefix)) == 0)
        return tools[i].names;
    }

  return none;
}
