/* lectern-tcf-decoder.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tcf-decoder.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The core segment's fixed fields, up to and including PublisherCC, in
 * bits: 6 + 36 + 36 + 12 + 12 + 6 + 12 + 12 + 6 + 1 + 1 + 12 + 24 + 24 +
 * 1 + 12. */
#define CORE_FIXED_BITS 213

G_DEFINE_QUARK (lectern-tcf-error-quark, lectern_tcf_error)

/* Purposes of the IAB's TCF v2.2 policy, indexed by purpose number, in
 * Lectern's categories. Only consent to a purpose counts: what the tool
 * recorded as granted is what the user is said to have agreed to. */
static const LecternCategory purpose_categories[] = {
  [0]  = LECTERN_CATEGORY_UNKNOWN,
  /* Store and/or access information on a device: the cookie itself. The
   * site's own necessary storage needs no TCF consent, so consent to it
   * is for what the reader can do without. Lectern only ever opts out of
   * everything or into everything in a TCF tool, so a well-behaved tool
   * never records purpose 1 alone while functional is refused. */
  [1]  = LECTERN_CATEGORY_FUNCTIONAL,
  /* Use limited data to select advertising. */
  [2]  = LECTERN_CATEGORY_TARGETING,
  /* Create profiles for personalised advertising. */
  [3]  = LECTERN_CATEGORY_TARGETING,
  /* Use profiles to select personalised advertising. */
  [4]  = LECTERN_CATEGORY_TARGETING,
  /* Create profiles to personalise content: a feature of the site, as
   * Lectern's functional category (preferences) is. */
  [5]  = LECTERN_CATEGORY_FUNCTIONAL,
  /* Use profiles to select personalised content. */
  [6]  = LECTERN_CATEGORY_FUNCTIONAL,
  /* Measure advertising performance: advertising's business, not the
   * site's audience measurement. */
  [7]  = LECTERN_CATEGORY_TARGETING,
  /* Measure content performance. */
  [8]  = LECTERN_CATEGORY_PERFORMANCE,
  /* Understand audiences through statistics or combinations of data. */
  [9]  = LECTERN_CATEGORY_PERFORMANCE,
  /* Develop and improve services. */
  [10] = LECTERN_CATEGORY_PERFORMANCE,
  /* Use limited data to select content. */
  [11] = LECTERN_CATEGORY_FUNCTIONAL,
};

typedef struct
{
  const char *chars;
  gsize       n_chars;
  gsize       position;
} BitReader;

static guint
base64url_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '-')
    return 62;
  if (c == '_')
    return 63;

  return G_MAXUINT;
}

/* The caller has checked that every character is base64url and that
 * enough bits are left, so reading cannot fail. */
static guint64
read_bits (BitReader *reader,
           guint      n_bits)
{
  guint64 value = 0;

  g_assert (n_bits <= 64);
  g_assert (reader->position + n_bits <= reader->n_chars * 6);

  for (guint i = 0; i < n_bits; i++, reader->position++)
    {
      guint sextet = base64url_value (reader->chars[reader->position / 6]);
      guint bit = (sextet >> (5 - reader->position % 6)) & 1;

      value = (value << 1) | bit;
    }

  return value;
}

/* A bit field whose first bit is item 1, stored with item n at bit n - 1. */
static guint32
read_bit_field (BitReader *reader,
                guint      n_bits)
{
  guint32 field = 0;

  for (guint i = 0; i < n_bits; i++)
    {
      if (read_bits (reader, 1))
        field |= 1u << i;
    }

  return field;
}

static gboolean
read_letters (BitReader  *reader,
              char        letters[3],
              const char *field_name,
              GError    **error)
{
  for (guint i = 0; i < 2; i++)
    {
      guint value = read_bits (reader, 6);

      if (value > 25)
        {
          g_set_error (error, LECTERN_TCF_ERROR, LECTERN_TCF_ERROR_INVALID,
                       /* Translators: %s is a field of a consent string, "ConsentLanguage" */
                       _("The consent string’s %s is not two letters"), field_name);
          return FALSE;
        }

      letters[i] = 'A' + value;
    }

  letters[2] = '\0';

  return TRUE;
}

/**
 * lectern_tcf_decode_core:
 * @tc_string: a TC string as `__tcfapi` or the `euconsent-v2` cookie gives it
 * @core: (out caller-allocates): the decoded fields
 * @error: return location for a #GError
 *
 * Decodes the fixed fields of the string's core segment, the one before
 * the first ".". The string comes from the page, so anything is expected:
 * characters outside base64url, a truncated segment or another version
 * are refused with a message, and @core is left zeroed.
 *
 * Returns: %TRUE if @core was filled
 */
gboolean
lectern_tcf_decode_core (const char      *tc_string,
                         LecternTcfCore  *core,
                         GError         **error)
{
  BitReader reader = { 0 };
  gsize n_chars;

  g_return_val_if_fail (core != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (core, 0, sizeof *core);

  if (tc_string == NULL)
    tc_string = "";

  n_chars = strcspn (tc_string, ".");

  /* Some tools pad the segment as plain base64 would. */
  while (n_chars > 0 && tc_string[n_chars - 1] == '=')
    n_chars--;

  for (gsize i = 0; i < n_chars; i++)
    {
      if (base64url_value (tc_string[i]) == G_MAXUINT)
        {
          g_set_error (error, LECTERN_TCF_ERROR, LECTERN_TCF_ERROR_BASE64,
                       /* Translators: %u is a character position, counted from 1 */
                       _("The consent string is not base64url: bad character at position %u"),
                       (guint)MIN (i + 1, G_MAXUINT));
          return FALSE;
        }
    }

  reader.chars = tc_string;
  reader.n_chars = n_chars;

  /* The version comes first, so a string of another version is named
   * as such rather than as too short for version 2's fields. */
  if (n_chars == 0)
    {
      g_set_error (error, LECTERN_TCF_ERROR, LECTERN_TCF_ERROR_TOO_SHORT,
                   _("The consent string is empty"));
      return FALSE;
    }

  core->version = read_bits (&reader, 6);
  if (core->version != 2)
    {
      g_set_error (error, LECTERN_TCF_ERROR, LECTERN_TCF_ERROR_VERSION,
                   /* Translators: %u is a version number */
                   _("The consent string is version %u; only version 2 is understood"),
                   core->version);
      memset (core, 0, sizeof *core);
      return FALSE;
    }

  if (n_chars * 6 < CORE_FIXED_BITS)
    {
      g_set_error (error, LECTERN_TCF_ERROR, LECTERN_TCF_ERROR_TOO_SHORT,
                   /* Translators: %u and %u are numbers of bits */
                   _("The consent string is too short: %u bits where at least %u are needed"),
                   (guint)MIN (n_chars * 6, G_MAXUINT), (guint)CORE_FIXED_BITS);
      memset (core, 0, sizeof *core);
      return FALSE;
    }

  core->created = read_bits (&reader, 36);
  core->last_updated = read_bits (&reader, 36);
  core->cmp_id = read_bits (&reader, 12);
  core->cmp_version = read_bits (&reader, 12);
  core->consent_screen = read_bits (&reader, 6);
  if (!read_letters (&reader, core->consent_language, "ConsentLanguage", error))
    {
      memset (core, 0, sizeof *core);
      return FALSE;
    }
  core->vendor_list_version = read_bits (&reader, 12);
  core->tcf_policy_version = read_bits (&reader, 6);
  core->is_service_specific = read_bits (&reader, 1);
  core->use_non_standard_texts = read_bits (&reader, 1);
  core->special_feature_opt_ins = read_bit_field (&reader, LECTERN_TCF_N_SPECIAL_FEATURES);
  core->purposes_consent = read_bit_field (&reader, LECTERN_TCF_N_PURPOSES);
  core->purposes_li_transparency = read_bit_field (&reader, LECTERN_TCF_N_PURPOSES);
  core->purpose_one_treatment = read_bits (&reader, 1);
  if (!read_letters (&reader, core->publisher_cc, "PublisherCC", error))
    {
      memset (core, 0, sizeof *core);
      return FALSE;
    }

  g_assert (reader.position == CORE_FIXED_BITS);

  return TRUE;
}

/**
 * lectern_tcf_core_has_purpose_consent:
 * @core: a decoded core segment
 * @purpose: a purpose number, from 1
 *
 * Returns: whether the string records consent to @purpose
 */
gboolean
lectern_tcf_core_has_purpose_consent (const LecternTcfCore *core,
                                      guint                 purpose)
{
  g_return_val_if_fail (core != NULL, FALSE);

  if (purpose < 1 || purpose > LECTERN_TCF_N_PURPOSES)
    return FALSE;

  return (core->purposes_consent & (1u << (purpose - 1))) != 0;
}

/**
 * lectern_tcf_purpose_get_category:
 * @purpose: a purpose number, from 1
 *
 * Returns: the category of @purpose, %LECTERN_CATEGORY_UNKNOWN for a
 *   number the policy does not define
 */
LecternCategory
lectern_tcf_purpose_get_category (guint purpose)
{
  if (purpose >= G_N_ELEMENTS (purpose_categories))
    return LECTERN_CATEGORY_UNKNOWN;

  return purpose_categories[purpose];
}

/**
 * lectern_tcf_core_add_to_record:
 * @core: a decoded core segment
 * @record: the record to add to
 *
 * Adds every defined purpose to @record, consented or not, so that the
 * categories the purposes cover are known and granted as soon as one of
 * their purposes is.
 */
void
lectern_tcf_core_add_to_record (const LecternTcfCore *core,
                                LecternConsentRecord *record)
{
  g_return_if_fail (core != NULL);
  g_return_if_fail (record != NULL);

  for (guint purpose = 1; purpose < G_N_ELEMENTS (purpose_categories); purpose++)
    lectern_consent_record_add (record,
                                lectern_tcf_purpose_get_category (purpose),
                                lectern_tcf_core_has_purpose_consent (core, purpose));
}
