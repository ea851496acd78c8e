/* lectern-page-report-text.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-page-report.h"

#include "lectern-json.h"
#include "lectern-page-report-private.h"
#include "lectern-terminal-text.h"

/* Every text the page gave (its address, title, cookie names, the
 * addresses of its scripts…) is printed escaped, one line each: the
 * report is read in terminals, which a page must not drive. */
static void
append_escaped (GString    *str,
                const char *text)
{
  g_autofree char *escaped = lectern_terminal_text_escape (text, LECTERN_TERMINAL_TEXT_LINE);

  g_string_append (str, escaped);
}

/* Appends @text and pads it with spaces to @width characters. */
static void
append_column (GString    *str,
               const char *text,
               guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (str, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (str, ' ');
}

static guint
column_width (GPtrArray   *cells,
              guint        n_columns,
              guint        column)
{
  guint width = 0;

  for (guint i = column; i < cells->len; i += n_columns)
    width = MAX (width, (guint) g_utf8_strlen (g_ptr_array_index (cells, i), -1));

  return width;
}

/* Appends rows of @n_columns cells as a table, two spaces between columns,
 * with no padding after the last one. */
static void
append_table (GString   *str,
              GPtrArray *page_cells,
              guint      n_columns)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_full (page_cells->len, g_free);
  guint widths[8];

  g_assert (n_columns <= G_N_ELEMENTS (widths));

  /* Measured as they are printed. */
  for (guint i = 0; i < page_cells->len; i++)
    g_ptr_array_add (cells, lectern_terminal_text_escape (g_ptr_array_index (page_cells, i),
                                                          LECTERN_TERMINAL_TEXT_LINE));

  for (guint c = 0; c < n_columns; c++)
    widths[c] = column_width (cells, n_columns, c);

  for (guint i = 0; i < cells->len; i += n_columns)
    {
      g_string_append (str, "  ");
      for (guint c = 0; c < n_columns; c++)
        {
          const char *cell = g_ptr_array_index (cells, i + c);

          if (c + 1 < n_columns)
            {
              append_column (str, cell, widths[c]);
              g_string_append (str, "  ");
            }
          else
            {
              g_string_append (str, cell);
            }
        }

      /* A row whose last cells are empty must not end in spaces. */
      while (str->len > 0 && str->str[str->len - 1] == ' ')
        g_string_truncate (str, str->len - 1);
      g_string_append_c (str, '\n');
    }
}

/* "Site:", "Address:", "Title:", "Consent:" and "Requests:": what the
 * page is and what it was loaded under. */
static void
append_summary (LecternPageReport *self,
                GString           *str)
{
  g_string_append (str, "Site:     ");
  append_escaped (str, self->site != NULL ? self->site : "-");
  g_string_append (str, "\nAddress:  ");
  append_escaped (str, self->url != NULL ? self->url : "-");
  g_string_append (str, "\nTitle:    ");
  append_escaped (str, self->title != NULL ? self->title : "-");
  g_string_append_c (str, '\n');

  g_string_append (str, "Consent:  ");
  if (self->choices != NULL)
    {
      for (guint i = 0; i < LECTERN_N_CATEGORIES; i++)
        g_string_append_printf (str, "%s%s %s",
                                i > 0 ? ", " : "",
                                lectern_category_to_id ((LecternCategory) i),
                                lectern_site_choices_get_allowed (self->choices, i) ? "on" : "off");
      g_string_append_printf (str, "; trusted: %s\n",
                              lectern_site_choices_get_trusted (self->choices) ? "yes" : "no");
    }
  else
    {
      g_string_append (str, "-\n");
    }

  g_string_append_printf (str, "Requests: %u in total, %u third-party, %u blocked\n",
                          self->n_requests, self->n_third_party, self->n_blocked);
}

/* "Tool:     onetrust (consent-cookie), recorded performance off,
 * targeting off": what the site's consent tool holds, in the JSON's
 * words. No line when the page has none. */
static void
append_tool (LecternPageReport *self,
             GString           *str)
{
  gboolean any = FALSE;

  if (self->cmp == NULL)
    return;

  g_string_append (str, "Tool:     ");
  append_escaped (str, self->cmp->name != NULL ? self->cmp->name : "-");
  g_string_append (str, " (");
  append_escaped (str, self->cmp->action != NULL ? self->cmp->action : "-");
  g_string_append (str, "), recorded ");
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean granted;

      if (!lectern_consent_record_lookup (&self->cmp->recorded, category, &granted))
        continue;
      g_string_append_printf (str, "%s%s %s", any ? ", " : "",
                              lectern_category_to_id (category), granted ? "on" : "off");
      any = TRUE;
    }
  if (!any)
    g_string_append (str, "nothing");
  if (self->cmp->awaiting)
    g_string_append (str, "; the banner awaits the reader's answer");
  g_string_append_c (str, '\n');
}

static void
append_trackers (LecternPageReport *self,
                 GString           *str)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (str, "\nTrackers: %u\n", self->trackers->len);
  for (guint i = 0; i < self->trackers->len; i++)
    {
      const LecternRequestRecord *record = g_ptr_array_index (self->trackers, i);
      char *who;

      if (record->name != NULL && record->company != NULL &&
          !g_str_equal (record->name, record->company))
        who = g_strdup_printf ("%s (%s)", record->name, record->company);
      else
        who = g_strdup (record->name != NULL ? record->name : "-");

      g_ptr_array_add (cells, g_strdup (record->blocked ? "blocked" : "allowed"));
      g_ptr_array_add (cells, g_strdup (record->host != NULL ? record->host : "-"));
      g_ptr_array_add (cells, g_strdup (lectern_category_to_id (record->category)));
      g_ptr_array_add (cells, who);
      g_ptr_array_add (cells, g_strdup (record->rule != NULL ? record->rule : ""));
    }
  append_table (str, cells, 5);
}

/* "first-party, expires …, violation, removed" or "…, allowed on this
 * site (Google Analytics)": a cookie's marks. */
static char *
dup_cookie_marks (const LecternCookieRecord *record)
{
  g_autoptr(GStrvBuilder) marks = g_strv_builder_new ();
  g_auto(GStrv) mark_strv = NULL;
  g_autofree char *expires = lectern_format_time (record->expires);

  g_strv_builder_add (marks, record->third_party ? "third-party" : "first-party");
  if (expires != NULL)
    {
      g_autofree char *until = g_strconcat ("expires ", expires, NULL);

      g_strv_builder_add (marks, until);
    }
  else
    g_strv_builder_add (marks, "session");
  if (record->violation)
    g_strv_builder_add (marks, "violation");
  if (record->removed)
    g_strv_builder_add (marks, "removed");
  if (record->allowed_tracker != NULL)
    {
      g_autofree char *allowed = g_strdup_printf ("allowed on this site (%s)", record->allowed_tracker);

      g_strv_builder_add (marks, allowed);
    }
  mark_strv = g_strv_builder_end (marks);

  return g_strjoinv (", ", mark_strv);
}

static void
append_cookies (LecternPageReport *self,
                GString           *str)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (str, "\nCookies: %u\n", self->cookies->len);
  for (guint i = 0; i < self->cookies->len; i++)
    {
      const LecternCookieRecord *record = g_ptr_array_index (self->cookies, i);

      g_ptr_array_add (cells, g_strdup (record->name != NULL ? record->name : "-"));
      g_ptr_array_add (cells, g_strdup (record->domain != NULL ? record->domain : "-"));
      g_ptr_array_add (cells, g_strdup (lectern_category_to_id (record->category)));
      g_ptr_array_add (cells, g_strdup (record->platform != NULL ? record->platform : "-"));
      g_ptr_array_add (cells, dup_cookie_marks (record));
    }
  append_table (str, cells, 5);
}

/* "cookie  _ga  performance  document.cookie  URL  time": what broke the
 * choices, how, by what, and when. */
static void
append_violations (LecternPageReport *self,
                   GString           *str)
{
  g_autoptr(GPtrArray) violations = lectern_page_report_dup_violations (self);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (str, "\nViolations: %u\n", violations->len);
  for (guint i = 0; i < violations->len; i++)
    {
      const LecternViolation *violation = g_ptr_array_index (violations, i);
      char *time = lectern_violation_dup_time_string (violation);

      g_ptr_array_add (cells, g_strdup (lectern_violation_kind_to_id (violation->kind)));
      g_ptr_array_add (cells, g_strdup (violation->name));
      g_ptr_array_add (cells, g_strdup (lectern_category_to_id (violation->category)));
      g_ptr_array_add (cells, g_strdup (violation->via));
      g_ptr_array_add (cells, g_strdup (violation->by != NULL ? violation->by : "-"));
      g_ptr_array_add (cells, time != NULL ? time : g_strdup ("-"));
    }
  append_table (str, cells, 6);
}

/**
 * lectern_page_report_to_text:
 * @self: a report
 *
 * A summary for people: first, when the report is incomplete, a line
 * that says so and why ("Incomplete report: …"); then site, title,
 * consent, request counts, the site's
 * consent tool when it has one ("Tool:"), then one
 * line per tracker ("blocked  host  category  name (company)  rule") and
 * one per cookie (name, domain, category, platform, then its marks), then
 * one per violation (kind, name, category, via, by, time). It
 * uses the JSON's vocabulary (category ids, "blocked", "allowed") so that
 * the two forms read alike; "-" stands for an unknown value. Whatever the
 * page wrote has its control characters escaped
 * (lectern_terminal_text_escape()).
 *
 * Returns: (transfer full): the text, ending in a newline
 */
char *
lectern_page_report_to_text (LecternPageReport *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);
  if (self->incomplete != NULL)
    {
      g_string_append (str, "Incomplete report: ");
      append_escaped (str, self->incomplete);
      g_string_append_c (str, '\n');
    }
  append_summary (self, str);
  append_tool (self, str);
  append_trackers (self, str);
  append_cookies (self, str);
  append_violations (self, str);

  return g_string_free (str, FALSE);
}
