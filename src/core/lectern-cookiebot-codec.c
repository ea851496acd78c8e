/* lectern-cookiebot-codec.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookiebot-codec.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Cookiebot's `CookieConsent` cookie is only ever read: it carries a stamp
 * that Cookiebot's server issued, so Lectern never writes one and applies
 * choices with Cookiebot.submitCustomConsent() instead. */

G_DEFINE_QUARK (lectern-cookiebot-error-quark, lectern_cookiebot_error)

/* Cookiebot's switches in Lectern's categories. Its categories have no
 * social media or sale of data: those stay unknown to the record. */
static const struct
{
  const char      *key;
  LecternCategory  category;
} consent_keys[] = {
  { "necessary",   LECTERN_CATEGORY_NECESSARY },
  /* "Preference cookies enable a website to remember information." */
  { "preferences", LECTERN_CATEGORY_FUNCTIONAL },
  /* "Statistic cookies help website owners understand how visitors interact." */
  { "statistics",  LECTERN_CATEGORY_PERFORMANCE },
  /* "Marketing cookies are used to track visitors across websites." */
  { "marketing",   LECTERN_CATEGORY_TARGETING },
};

/* The value Cookiebot writes for a visitor in a region where it asks for
 * no consent: everything is then treated as accepted. */
#define NO_CONSENT_REQUIRED "-1"

typedef struct
{
  const char *p;
} Scanner;

static void
skip_spaces (Scanner *scanner)
{
  while (g_ascii_isspace (*scanner->p))
    scanner->p++;
}

/* A bare word (letters, digits, "_", "-", ".") or a quoted string in
 * single or double quotes, without escapes, as Cookiebot writes them;
 * double quotes also take JSON.stringify(Cookiebot.consent). */
static char *
scan_token (Scanner  *scanner,
            gboolean *quoted)
{
  const char *start;

  skip_spaces (scanner);

  *quoted = *scanner->p == '\'' || *scanner->p == '"';
  if (*quoted)
    {
      char quote = *scanner->p++;
      const char *end = strchr (scanner->p, quote);
      char *token;

      if (end == NULL)
        return NULL;

      token = g_strndup (scanner->p, end - scanner->p);
      scanner->p = end + 1;
      return token;
    }

  start = scanner->p;
  while (g_ascii_isalnum (*scanner->p) || *scanner->p == '_' ||
         *scanner->p == '-' || *scanner->p == '.')
    scanner->p++;

  if (scanner->p == start)
    return NULL;

  return g_strndup (start, scanner->p - start);
}

static gboolean
fail (GError **error)
{
  g_set_error_literal (error, LECTERN_COOKIEBOT_ERROR, LECTERN_COOKIEBOT_ERROR_INVALID,
                       _("The Cookiebot consent is not a list of keys and values in braces"));
  return FALSE;
}

/**
 * lectern_cookiebot_parse_consent:
 * @value: the `CookieConsent` cookie value, URL-encoded, or
 *   `JSON.stringify (Cookiebot.consent)`
 * @record: (inout): the record to add Cookiebot's categories to
 * @error: return location for a #GError
 *
 * Reads what Cookiebot recorded: `preferences` is functional, `statistics`
 * performance and `marketing` targeting. "-1", written where Cookiebot
 * asks for no consent, records everything as granted. The value comes
 * from the page: anything malformed, or a switch that is neither true nor
 * false, is refused and @record then left unchanged.
 *
 * Returns: %TRUE if @value was understood
 */
gboolean
lectern_cookiebot_parse_consent (const char            *value,
                                 LecternConsentRecord  *record,
                                 GError               **error)
{
  g_autofree char *decoded = NULL;
  LecternConsentRecord parsed;
  gboolean seen[G_N_ELEMENTS (consent_keys)] = { FALSE };
  Scanner scanner;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value != NULL)
    decoded = g_uri_unescape_string (value, NULL);
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    return fail (error);

  parsed = *record;

  if (g_str_equal (g_strstrip (decoded), NO_CONSENT_REQUIRED))
    {
      for (guint i = 0; i < G_N_ELEMENTS (consent_keys); i++)
        lectern_consent_record_add (&parsed, consent_keys[i].category, TRUE);

      *record = parsed;
      return TRUE;
    }

  scanner.p = decoded;
  if (*scanner.p++ != '{')
    return fail (error);

  skip_spaces (&scanner);
  while (*scanner.p != '}')
    {
      g_autofree char *key = NULL;
      g_autofree char *token = NULL;
      gboolean quoted;

      key = scan_token (&scanner, &quoted);

      skip_spaces (&scanner);
      if (key == NULL || *scanner.p++ != ':')
        return fail (error);

      token = scan_token (&scanner, &quoted);
      if (token == NULL)
        return fail (error);

      for (guint i = 0; i < G_N_ELEMENTS (consent_keys); i++)
        {
          if (!g_str_equal (consent_keys[i].key, key))
            continue;

          /* 'false' in quotes is a string, which JavaScript takes as true. */
          if (quoted || (!g_str_equal (token, "true") && !g_str_equal (token, "false")))
            {
              g_set_error (error, LECTERN_COOKIEBOT_ERROR, LECTERN_COOKIEBOT_ERROR_INVALID,
                           /* Translators: %s is a Cookiebot category, "marketing" */
                           _("The Cookiebot consent for “%s” is neither true nor false"), key);
              return FALSE;
            }

          lectern_consent_record_add (&parsed, consent_keys[i].category,
                                      g_str_equal (token, "true"));
          seen[i] = TRUE;
        }

      skip_spaces (&scanner);
      if (*scanner.p == ',')
        {
          scanner.p++;
          skip_spaces (&scanner);
        }
      else if (*scanner.p != '}')
        {
          return fail (error);
        }
    }

  scanner.p++;
  skip_spaces (&scanner);
  if (*scanner.p != '\0')
    return fail (error);

  for (guint i = 0; i < G_N_ELEMENTS (consent_keys); i++)
    {
      if (!seen[i])
        {
          g_set_error (error, LECTERN_COOKIEBOT_ERROR, LECTERN_COOKIEBOT_ERROR_INVALID,
                       /* Translators: %s is a Cookiebot category, "marketing" */
                       _("The Cookiebot consent says nothing about “%s”"), consent_keys[i].key);
          return FALSE;
        }
    }

  *record = parsed;

  return TRUE;
}

/**
 * lectern_cookiebot_build_submission:
 * @choices: the reader's choices for the site
 * @preferences: (out): Cookiebot's "preferences" switch
 * @statistics: (out): its "statistics" switch
 * @marketing: (out): its "marketing" switch
 *
 * The arguments of `Cookiebot.submitCustomConsent()` for @choices, by the
 * same table lectern_cookiebot_parse_consent() reads with.
 */
void
lectern_cookiebot_build_submission (const LecternSiteChoices *choices,
                                    gboolean                 *preferences,
                                    gboolean                 *statistics,
                                    gboolean                 *marketing)
{
  g_return_if_fail (choices != NULL);
  g_return_if_fail (preferences != NULL && statistics != NULL && marketing != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (consent_keys); i++)
    {
      gboolean granted = !lectern_consent_record_is_refused (choices, consent_keys[i].category);

      if (g_str_equal (consent_keys[i].key, "preferences"))
        *preferences = granted;
      else if (g_str_equal (consent_keys[i].key, "statistics"))
        *statistics = granted;
      else if (g_str_equal (consent_keys[i].key, "marketing"))
        *marketing = granted;
    }
}

/**
 * lectern_cookiebot_holds_choices:
 * @held: what Cookiebot recorded, from lectern_cookiebot_parse_consent()
 * @choices: the reader's choices for the site
 *
 * Whether each of Cookiebot's switches already holds the reader's choice:
 * then nothing needs submitting, and each submission is logged by
 * Cookiebot as a new consent.
 *
 * Returns: %TRUE if @held agrees with @choices on every switch
 */
gboolean
lectern_cookiebot_holds_choices (const LecternConsentRecord *held,
                                 const LecternSiteChoices   *choices)
{
  g_return_val_if_fail (held != NULL, FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (consent_keys); i++)
    {
      LecternCategory category = consent_keys[i].category;
      gboolean granted;

      if (category == LECTERN_CATEGORY_NECESSARY)
        continue;
      if (!lectern_consent_record_lookup (held, category, &granted) ||
          granted == lectern_consent_record_is_refused (choices, category))
        return FALSE;
    }

  return TRUE;
}
