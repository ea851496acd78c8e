/* lectern-onetrust-codec.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-onetrust-codec.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lectern-onetrust-groups-private.h"

/* OneTrust's cookies: `OptanonConsent`, which records each group granted
 * or refused, written as the tool itself would write it and read back;
 * `OptanonAlertBoxClosed`, which says the banner was answered; and the
 * page's `OnetrustActiveGroups`. Which category each group stands for is
 * the group list's to say (lectern-onetrust-groups.c). */

/* What OneTrust writes when the tool's version is not known; any version
 * is accepted by the tool, an older one only asks again on reconsent. */
#define DEFAULT_VERSION "202409.1.0"

/* Indexed by g_date_time_get_day_of_week () - 1 and get_month () - 1. */
static const char * const day_names[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* An unknown group could be anything from fonts to advertising: it is
 * granted only when the user refused nothing. */
static gboolean
group_granted (const LecternSiteChoices *choices,
               LecternCategory           category)
{
  if (category == LECTERN_CATEGORY_UNKNOWN)
    {
      for (LecternCategory c = 0; c < LECTERN_N_CATEGORIES; c++)
        {
          if (lectern_consent_record_is_refused (choices, c))
            return FALSE;
        }

      return TRUE;
    }

  return !lectern_consent_record_is_refused (choices, category);
}

/**
 * lectern_onetrust_choices_grant:
 * @choices: the user's choices for the site
 * @category: a group's category; %LECTERN_CATEGORY_UNKNOWN for a group
 *   whose name and id say nothing
 *
 * Returns: whether a group of @category is to be granted: what
 *   lectern_onetrust_build_consent() writes for it
 */
gboolean
lectern_onetrust_choices_grant (const LecternSiteChoices *choices,
                                LecternCategory           category)
{
  g_return_val_if_fail (choices != NULL, FALSE);

  return group_granted (choices, category);
}

/* OneTrust writes its cookie as a form would: %XX escapes and "+" for a
 * space. */
static void
append_form_value (GString    *string,
                   const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "%20"))
        {
          g_string_append_c (string, '+');
          p += 2;
        }
      else
        {
          g_string_append_c (string, *p);
        }
    }
}

static void
append_field (GString    *string,
              const char *key,
              const char *value)
{
  if (string->len > 0)
    g_string_append_c (string, '&');
  g_string_append (string, key);
  g_string_append_c (string, '=');
  append_form_value (string, value);
}

/**
 * lectern_onetrust_build_consent:
 * @choices: the user's choices for the site
 * @groups: (nullable): the site's groups; %NULL or empty for the standard five
 * @now: when the choices are applied
 * @consent_id: (nullable): the consent id to record; %NULL for a new random one
 * @version: (nullable): the site's OneTrust version; %NULL for a recent one
 *
 * Builds the `OptanonConsent` cookie value OneTrust itself would write after
 * the user saved @choices in its preference centre, so that the tool finds
 * the choice made and shows no banner. Strictly necessary groups are always
 * granted, as OneTrust does; `isGpcEnabled` says whether the sale of
 * personal data was refused, since Lectern then sends Global Privacy Control.
 *
 * Returns: (transfer full): the cookie value, URL-encoded
 */
char *
lectern_onetrust_build_consent (const LecternSiteChoices    *choices,
                                const LecternOneTrustGroups *groups,
                                GDateTime                   *now,
                                const char                  *consent_id,
                                const char                  *version)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) group_list = g_string_new (NULL);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *generated_id = NULL;
  g_autofree char *datestamp = NULL;
  const char *gpc;

  g_return_val_if_fail (choices != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (consent_id == NULL)
    consent_id = generated_id = g_uuid_string_random ();
  if (version == NULL)
    version = DEFAULT_VERSION;

  /* The site's groups, or without them OneTrust's standard five. */
  ids = lectern_onetrust_groups_dup_ids (groups);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      LecternCategory category = lectern_onetrust_groups_get_category (groups, ids[i]);

      g_string_append_printf (group_list, "%s%s:%d",
                              i > 0 ? "," : "", ids[i],
                              group_granted (choices, category));
    }

  /* JavaScript's Date.prototype.toString() form, which OneTrust writes;
   * the zone's name in parentheses is optional to Date.parse(). The names
   * are English whatever the user's locale, as JavaScript writes them. */
  utc = g_date_time_to_utc (now);
  datestamp = g_strdup_printf ("%s %s %02d %04d %02d:%02d:%02d GMT+0000",
                               day_names[g_date_time_get_day_of_week (utc) - 1],
                               month_names[g_date_time_get_month (utc) - 1],
                               g_date_time_get_day_of_month (utc),
                               g_date_time_get_year (utc),
                               g_date_time_get_hour (utc),
                               g_date_time_get_minute (utc),
                               g_date_time_get_second (utc));

  gpc = lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_SALE) ? "1" : "0";

  append_field (value, "isGpcEnabled", gpc);
  append_field (value, "datestamp", datestamp);
  append_field (value, "version", version);
  append_field (value, "browserGpcFlag", gpc);
  append_field (value, "isIABGlobal", "false");
  append_field (value, "hosts", "");
  append_field (value, "consentId", consent_id);
  append_field (value, "interactionCount", "1");
  append_field (value, "isAnonUser", "1");
  append_field (value, "landingPath", "NotLandingPage");
  append_field (value, "groups", group_list->str);
  append_field (value, "AwaitingReconsent", "false");

  return g_string_free (g_steal_pointer (&value), FALSE);
}

static char *
decode_form_value (const char  *value,
                   gsize        length,
                   GError     **error)
{
  g_autofree char *plus_free = g_strndup (value, length);
  char *decoded;

  g_strdelimit (plus_free, "+", ' ');
  decoded = g_uri_unescape_string (plus_free, NULL);

  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    {
      g_free (decoded);
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust cookie holds a badly escaped value"));
      return NULL;
    }

  return decoded;
}

static gboolean
parse_group_list (const char                  *list,
                  const LecternOneTrustGroups *groups,
                  LecternConsentRecord        *record,
                  GError                     **error)
{
  g_auto(GStrv) entries = NULL;

  /* No group at all: the tool recorded nothing yet. */
  if (*list == '\0')
    return TRUE;

  entries = g_strsplit (list, ",", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *entry = entries[i];
      const char *colon = strchr (entry, ':');
      const char *flag;

      if (colon == NULL)
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %s is an entry of a OneTrust cookie, as "C0002:1" should be */
                       _("The OneTrust group entry “%s” has no state"), entry);
          return FALSE;
        }

      if (!_lectern_onetrust_check_group_id (entry, colon - entry, error))
        return FALSE;

      flag = colon + 1;
      if (!g_str_equal (flag, "0") && !g_str_equal (flag, "1"))
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %s is an entry of a OneTrust cookie, as "C0002:1" should be */
                       _("The OneTrust group entry “%s” is neither granted nor refused"), entry);
          return FALSE;
        }

      {
        g_autofree char *group_id = g_strndup (entry, colon - entry);

        lectern_consent_record_add (record,
                                    lectern_onetrust_groups_get_category (groups, group_id),
                                    flag[0] == '1');
      }
    }

  return TRUE;
}

/**
 * lectern_onetrust_parse_consent:
 * @value: an `OptanonConsent` cookie value, URL-encoded
 * @groups: (nullable): the site's groups; %NULL for the standard ones
 * @record: (inout): the record to add the recorded groups to
 * @error: return location for a #GError
 *
 * Reads the `groups` field back into @record. The value comes from the
 * page: a malformed pair, a bad escape, a missing `groups` field or a
 * malformed group entry is refused, and @record is then left unchanged.
 *
 * Returns: %TRUE if @value was understood
 */
gboolean
lectern_onetrust_parse_consent (const char                  *value,
                                const LecternOneTrustGroups *groups,
                                LecternConsentRecord        *record,
                                GError                     **error)
{
  g_auto(GStrv) pairs = NULL;
  g_autofree char *group_list = NULL;
  LecternConsentRecord parsed;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL || *value == '\0')
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust cookie is empty"));
      return FALSE;
    }

  pairs = g_strsplit (value, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *field = NULL;

      if (equals == NULL || equals == pairs[i])
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %u is a position in a list, from 1 */
                       _("The OneTrust cookie’s field %u is not a key and a value"), i + 1);
          return FALSE;
        }

      if ((key = decode_form_value (pairs[i], equals - pairs[i], error)) == NULL ||
          (field = decode_form_value (equals + 1, strlen (equals + 1), error)) == NULL)
        return FALSE;

      if (g_str_equal (key, "groups"))
        {
          g_free (group_list);
          group_list = g_steal_pointer (&field);
        }
    }

  if (group_list == NULL)
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust cookie records no groups"));
      return FALSE;
    }

  parsed = *record;
  if (!parse_group_list (group_list, groups, &parsed, error))
    return FALSE;

  *record = parsed;

  return TRUE;
}

/**
 * lectern_onetrust_build_alert_box_closed:
 * @now: when the choices are applied
 *
 * Returns: (transfer full): the `OptanonAlertBoxClosed` cookie value, the
 *   time in UTC as JavaScript's Date.prototype.toISOString() writes it
 */
char *
lectern_onetrust_build_alert_box_closed (GDateTime *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  utc = g_date_time_to_utc (now);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/**
 * lectern_onetrust_parse_alert_box_closed:
 * @value: an `OptanonAlertBoxClosed` cookie value
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): when the banner was closed, or
 *   %NULL with @error set if @value is not an ISO 8601 date
 */
GDateTime *
lectern_onetrust_parse_alert_box_closed (const char  *value,
                                         GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *decoded = NULL;
  GDateTime *closed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (value != NULL)
    decoded = g_uri_unescape_string (value, NULL);
  if (decoded != NULL)
    closed = g_date_time_new_from_iso8601 (decoded, utc);

  if (closed == NULL)
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust banner’s closing time is not an ISO 8601 date"));
      return NULL;
    }

  return closed;
}

/**
 * lectern_onetrust_parse_active_groups:
 * @active_groups: `OnetrustActiveGroups` from the page (",C0001,C0003,")
 * @groups: (nullable): the site's groups; %NULL or empty for the standard five
 * @record: (inout): the record to add to
 * @error: return location for a #GError
 *
 * The active groups are the granted ones; every other group of the site
 * (or, without the site's list, every other standard group) is recorded as
 * refused. A malformed id is refused and @record then left unchanged.
 *
 * Returns: %TRUE if @active_groups was understood
 */
gboolean
lectern_onetrust_parse_active_groups (const char                  *active_groups,
                                      const LecternOneTrustGroups *groups,
                                      LecternConsentRecord        *record,
                                      GError                     **error)
{
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) known_ids = NULL;
  LecternConsentRecord parsed;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (active_groups == NULL)
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("OneTrust reported no active groups"));
      return FALSE;
    }

  ids = g_strsplit (active_groups, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      if (ids[i][0] != '\0' && !_lectern_onetrust_check_group_id (ids[i], strlen (ids[i]), error))
        return FALSE;
    }

  parsed = *record;
  known_ids = lectern_onetrust_groups_dup_ids (groups);

  for (guint i = 0; known_ids[i] != NULL; i++)
    {
      LecternCategory category = lectern_onetrust_groups_get_category (groups, known_ids[i]);

      lectern_consent_record_add (&parsed, category,
                                  g_strv_contains ((const char * const *)ids, known_ids[i]));
    }

  /* An active group missing from the site's list still grants its category. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (ids[i][0] != '\0')
        lectern_consent_record_add (&parsed, lectern_onetrust_groups_get_category (groups, ids[i]), TRUE);
    }

  *record = parsed;

  return TRUE;
}
