/* lectern-consent-receipt.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-consent-receipt.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lectern-consent-record.h"
#include "lectern-json.h"

/**
 * LecternConsentReceipt:
 *
 * What a reader can keep of one site's consent: the choices made, when
 * Lectern applied them to the site's consent tool, what the tool recorded,
 * and the violations seen. Written as JSON (version
 * %LECTERN_CONSENT_RECEIPT_VERSION; fields may be added, never renamed)
 * and as a standalone HTML page that runs no script: everything the site
 * named (cookie names, URLs, the tool's words) is escaped, and the page's
 * Content-Security-Policy forbids scripts besides.
 */
struct _LecternConsentReceipt
{
  char               *site;
  char               *url;
  GDateTime          *issued;
  LecternSiteChoices *choices;
  LecternCmpOutcome  *cmp;
  GPtrArray          *violations;
};

/**
 * lectern_consent_receipt_new_from_report:
 * @report: the report of a page of the site
 * @issued: (nullable): when the receipt is made; %NULL for now
 *
 * Takes what the receipt needs from @report: its site and address, its
 * choices, consent tool and violations.
 *
 * Returns: (transfer full): a receipt
 */
LecternConsentReceipt *
lectern_consent_receipt_new_from_report (LecternPageReport *report,
                                         GDateTime         *issued)
{
  LecternConsentReceipt *self;
  const LecternSiteChoices *choices;
  const LecternCmpOutcome *cmp;

  g_return_val_if_fail (report != NULL, NULL);

  self = g_new0 (LecternConsentReceipt, 1);
  self->site = g_strdup (lectern_page_report_get_site (report));
  self->url = g_strdup (lectern_page_report_get_url (report));
  self->issued = issued != NULL ? g_date_time_ref (issued) : g_date_time_new_now_utc ();

  choices = lectern_page_report_get_choices (report);
  if (choices != NULL)
    self->choices = lectern_site_choices_copy (choices);

  cmp = lectern_page_report_get_cmp (report);
  if (cmp != NULL)
    self->cmp = lectern_cmp_outcome_copy (cmp);

  self->violations = lectern_page_report_dup_violations (report);

  return self;
}

void
lectern_consent_receipt_free (LecternConsentReceipt *self)
{
  if (self == NULL)
    return;

  g_free (self->site);
  g_free (self->url);
  g_clear_pointer (&self->issued, g_date_time_unref);
  g_clear_pointer (&self->choices, lectern_site_choices_free);
  g_clear_pointer (&self->cmp, lectern_cmp_outcome_free);
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  g_free (self);
}

/**
 * lectern_consent_receipt_get_n_violations:
 * @self: a receipt
 *
 * Returns: how many violations the receipt lists
 */
guint
lectern_consent_receipt_get_n_violations (LecternConsentReceipt *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->violations->len;
}

/* Whether the consent tool's record of @category goes against the
 * choices: granted there although the reader refused it. */
static gboolean
recorded_violates (LecternConsentReceipt *self,
                   LecternCategory        category)
{
  for (guint i = 0; i < self->violations->len; i++)
    {
      const LecternViolation *violation = g_ptr_array_index (self->violations, i);

      if (violation->kind == LECTERN_VIOLATION_CMP && violation->category == category)
        return TRUE;
    }

  return FALSE;
}

/**
 * lectern_consent_receipt_to_json:
 * @self: a receipt
 *
 * |[
 * {"version": 1, "site": "example.com", "url": "…", "issued": "…Z",
 *  "choices": {"necessary": true, …, "trusted": false, "leave_banner": false},
 *  "applied": "…Z",
 *  "cmp": {"name": "onetrust", "action": "consent-cookie",
 *          "recorded": {"performance": false, …}, "detail": "…"},
 *  "violations": [ as in the page report ]}
 * ]|
 *
 * "choices", "applied" and "cmp" are null when not known.
 *
 * Returns: (transfer full): the JSON text, pretty printed
 */
char *
lectern_consent_receipt_to_json (LecternConsentReceipt *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *applied = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  issued = lectern_format_time (self->issued);
  applied = self->cmp != NULL ? lectern_format_time (self->cmp->applied) : NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LECTERN_CONSENT_RECEIPT_VERSION);
  lectern_json_add_string_member (builder, "site", self->site);
  lectern_json_add_string_member (builder, "url", self->url);
  lectern_json_add_string_member (builder, "issued", issued);

  json_builder_set_member_name (builder, "choices");
  if (self->choices != NULL)
    {
      json_builder_begin_object (builder);
      for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
        lectern_json_add_boolean_member (builder, lectern_category_to_id (category),
                                         lectern_site_choices_get_allowed (self->choices, category));
      lectern_json_add_boolean_member (builder, "trusted", lectern_site_choices_get_trusted (self->choices));
      lectern_json_add_boolean_member (builder, "leave_banner", lectern_site_choices_get_leave_banner (self->choices));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  lectern_json_add_string_member (builder, "applied", applied);

  json_builder_set_member_name (builder, "cmp");
  lectern_cmp_outcome_build_json (self->cmp, FALSE, builder);

  json_builder_set_member_name (builder, "violations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->violations->len; i++)
    lectern_violation_build_json (g_ptr_array_index (self->violations, i), builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Appends @text escaped for HTML text and attribute values. */
static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    {
      g_string_append (html, "–");
      return;
    }

  /* A hostile page may hand over bytes that are not UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      escaped = g_markup_escape_text (valid, -1);
    }
  else
    {
      escaped = g_markup_escape_text (text, -1);
    }

  g_string_append (html, escaped);
}

/* Appends @text escaped between @open and @close, markup of ours. */
static void
append_wrapped (GString    *html,
                const char *open,
                const char *text,
                const char *close)
{
  g_string_append (html, open);
  append_escaped (html, text);
  g_string_append (html, close);
}

static void
append_cell (GString    *html,
             const char *text)
{
  append_wrapped (html, "<td>", text, "</td>");
}

/* A cell of the given class ("url", "nowrap"): a fixed word of ours. */
static void
append_class_cell (GString    *html,
                   const char *css_class,
                   const char *text)
{
  g_string_append_printf (html, "<td class=\"%s\">", css_class);
  append_escaped (html, text);
  g_string_append (html, "</td>");
}

static const char html_style[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;max-width:46em;margin:2em auto;"
  "padding:0 1em;line-height:1.5;color:#1e1e1e;background:#fff}"
  "h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.2em;margin-top:1.6em}"
  ".meta{color:#5e5c64;margin-top:.2em}"
  "table{border-collapse:collapse;width:100%}"
  "th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #deddda;vertical-align:top}"
  "td.url{overflow-wrap:anywhere;font-size:.9em}.nowrap{white-space:nowrap}"
  ".refused{color:#1c71d8}.granted{color:#26a269}"
  ".violation{color:#c01c28;font-weight:bold}"
  "@media (prefers-color-scheme:dark){body{color:#fff;background:#242424}"
  ".meta{color:#c0bfbc}th,td{border-color:#3d3846}"
  ".refused{color:#99c1f1}.granted{color:#8ff0a4}.violation{color:#f66151}}";

/* Appends a row of @label, a heading cell, and @value. */
static void
append_labelled_row (GString    *html,
                     const char *label,
                     const char *value)
{
  append_wrapped (html, "<tr><th>", label, "</th>");
  append_cell (html, value);
  g_string_append (html, "</tr>\n");
}

/* The document's head, whose policy forbids scripts, then the page's
 * title with the site's address and when the receipt was issued. */
static void
append_head (LecternConsentReceipt *self,
             GString               *html)
{
  g_autofree char *issued = lectern_format_time (self->issued);
  g_autofree char *heading = NULL;

  g_string_append (html,
                   "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" "
                   "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
  /* Translators: the title of the consent receipt page; %s is a site */
  heading = g_strdup_printf (_("Consent receipt for %s"), self->site != NULL ? self->site : "–");
  append_escaped (html, heading);
  g_string_append_printf (html, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", html_style);
  append_escaped (html, heading);
  g_string_append (html, "</h1>\n<p class=\"meta\">");
  append_escaped (html, self->url);
  g_string_append (html, "<br>");
  append_escaped (html, _("Issued by Lectern"));
  g_string_append (html, " ");
  append_escaped (html, issued);
  g_string_append (html, "</p>\n");
}

/* Each category allowed or refused, then whether the site is trusted and
 * its banner left alone. */
static void
append_choices (LecternConsentReceipt *self,
                GString               *html)
{
  append_wrapped (html, "<h2>", _("Your choices"), "</h2>\n");

  if (self->choices == NULL)
    {
      append_wrapped (html, "<p>", _("No choices are known for this site."), "</p>\n");
      return;
    }

  g_string_append (html, "<table>\n");
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean allowed = lectern_site_choices_get_allowed (self->choices, category);

      g_string_append (html, "<tr>");
      append_cell (html, lectern_category_get_label (category));
      g_string_append_printf (html, "<td class=\"%s\">", allowed ? "granted" : "refused");
      append_escaped (html, allowed ? _("Allowed") : _("Refused"));
      g_string_append (html, "</td></tr>\n");
    }
  g_string_append (html, "</table>\n<p>");
  if (lectern_site_choices_get_trusted (self->choices))
    append_escaped (html, _("The site is trusted: nothing is blocked on it."));
  if (lectern_site_choices_get_leave_banner (self->choices))
    append_escaped (html, _("Lectern leaves the site’s consent banner alone."));
  g_string_append (html, "</p>\n");
}

/* What the consent tool recorded of each category it knows, a record
 * that goes against the choices marked. */
static void
append_recorded (LecternConsentReceipt *self,
                 GString               *html)
{
  append_wrapped (html, "<h2>", _("What the tool recorded"), "</h2>\n");
  g_string_append (html, "<table>\n");
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean granted;

      if (!lectern_consent_record_lookup (&self->cmp->recorded, category, &granted))
        continue;

      g_string_append (html, "<tr>");
      append_cell (html, lectern_category_get_label (category));
      if (recorded_violates (self, category))
        {
          g_string_append (html, "<td class=\"violation\">");
          append_escaped (html, _("Granted, although you refused it"));
        }
      else
        {
          g_string_append_printf (html, "<td class=\"%s\">", granted ? "granted" : "refused");
          append_escaped (html, granted ? _("Granted") : _("Refused"));
        }
      g_string_append (html, "</td></tr>\n");
    }
  g_string_append (html, "</table>\n");
}

/* The consent tool, what Lectern told it and when, then its record. */
static void
append_cmp (LecternConsentReceipt *self,
            GString               *html)
{
  g_autofree char *applied = NULL;

  append_wrapped (html, "<h2>", _("Consent tool"), "</h2>\n");

  if (self->cmp == NULL)
    {
      append_wrapped (html, "<p>", _("No consent tool was found on the page."), "</p>\n");
      return;
    }

  applied = lectern_format_time (self->cmp->applied);

  g_string_append (html, "<table>\n");
  append_labelled_row (html, _("Tool"), self->cmp->name);
  append_labelled_row (html, _("What Lectern told it"), self->cmp->action);
  append_labelled_row (html, _("Applied"), applied);
  if (self->cmp->detail != NULL)
    append_labelled_row (html, _("The tool’s own record"), self->cmp->detail);
  g_string_append (html, "</table>\n");

  append_recorded (self, html);
}

static void
append_violation_row (GString                *html,
                      const LecternViolation *violation)
{
  g_autofree char *time = lectern_violation_dup_time_string (violation);
  g_autofree char *what = NULL;
  g_autofree char *how = NULL;

  what = violation->kind == LECTERN_VIOLATION_CMP
         /* Translators: a violation by a consent tool; %s is its name */
         ? g_strdup_printf (_("Consent tool %s"), violation->name)
         /* Translators: a violating cookie; %s is its name */
         : g_strdup_printf (_("Cookie %s"), violation->name);

  how = violation->inferred
        /* Translators: how a cookie was set, when Lectern inferred it; %s is "set-cookie" */
        ? g_strdup_printf (_("%s (inferred)"), violation->via)
        : g_strdup (violation->via);

  g_string_append (html, "<tr class=\"violation-row\">");
  append_cell (html, what);
  append_class_cell (html, "nowrap", lectern_category_get_label (violation->category));
  append_class_cell (html, "nowrap", how);
  append_class_cell (html, "url", violation->by);
  append_cell (html, time);
  g_string_append (html, "</tr>\n");
}

/* Each violation: what broke the choices, in which category, how, by
 * what and when. */
static void
append_violations (LecternConsentReceipt *self,
                   GString               *html)
{
  const char *columns[] = { _("What"), _("Category"), _("How"), _("By"), _("When") };

  append_wrapped (html, "<h2>", _("Violations"), "</h2>\n");

  if (self->violations->len == 0)
    {
      append_wrapped (html, "<p>", _("None seen."), "</p>\n");
      return;
    }

  g_string_append (html, "<table>\n<tr>");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_wrapped (html, "<th>", columns[i], "</th>");
  g_string_append (html, "</tr>\n");

  for (guint i = 0; i < self->violations->len; i++)
    append_violation_row (html, g_ptr_array_index (self->violations, i));
  g_string_append (html, "</table>\n");
}

/**
 * lectern_consent_receipt_to_html:
 * @self: a receipt
 *
 * A page for people, to keep or print: the choices, the consent tool and
 * what it recorded (a violating record marked), then the violations.
 * It needs nothing from the network and runs no script.
 *
 * Returns: (transfer full): the HTML document
 */
char *
lectern_consent_receipt_to_html (LecternConsentReceipt *self)
{
  GString *html;

  g_return_val_if_fail (self != NULL, NULL);

  html = g_string_new (NULL);
  append_head (self, html);
  append_choices (self, html);
  append_cmp (self, html);
  append_violations (self, html);
  g_string_append (html, "</body>\n</html>\n");

  return g_string_free (html, FALSE);
}
