/* lectern-consent-section.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-consent-section.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lectern-violation.h"

/**
 * LecternConsentSection:
 *
 * The sidebar's consent section: the consent tool found on the page, what
 * Lectern told it, what it recorded per category (a category recorded as
 * granted that the reader refused is marked), a button to apply the
 * choices again, and the switch to leave the site's banner alone.
 */
struct _LecternConsentSection
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget           *box;
  AdwPreferencesGroup *group;
  AdwActionRow        *tool_row;
  GtkWidget           *adopt_button;
  GtkWidget           *reapply_button;

  /* Owned */
  LecternPageState    *page;

  /* Borrowed: one row per category, in the group, shown when the tool
   * recorded something about the category */
  AdwActionRow        *category_rows[LECTERN_N_CATEGORIES];
  GtkLabel            *category_labels[LECTERN_N_CATEGORIES];
};

G_DEFINE_FINAL_TYPE (LecternConsentSection, lectern_consent_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * lectern_consent_section_dup_tool_title:
 * @outcome: (nullable): a page's consent tool
 *
 * Returns: (transfer full): the tool's name for people ("OneTrust"), or
 *   "No consent tool found"
 */
char *
lectern_consent_section_dup_tool_title (const LecternCmpOutcome *outcome)
{
  if (outcome == NULL)
    return g_strdup (_("No consent tool found"));

  if (g_str_equal (outcome->name, "onetrust"))
    return g_strdup ("OneTrust");
  if (g_str_equal (outcome->name, "cookiebot"))
    return g_strdup ("Cookiebot");
  if (g_str_equal (outcome->name, "tcf"))
    /* Translators: the consent framework of the ad industry's IAB */
    return g_strdup (_("IAB TCF consent tool"));

  /* Autoconsent names its rules for machines ("cookieyes",
   * "usercentrics-api"): the best-known tools get their own spelling,
   * the others the rule's name as it is. */
  {
    static const struct { const char *prefix; const char *title; } brands[] = {
      { "axeptio", "Axeptio" },
      { "borlabs", "Borlabs Cookie" },
      { "civic-cookie-control", "Civic Cookie Control" },
      { "complianz", "Complianz" },
      { "consentmanager", "consentmanager" },
      { "cookiefirst", "CookieFirst" },
      { "cookiehub", "CookieHub" },
      { "cookie-script", "Cookie Script" },
      { "cookieyes", "CookieYes" },
      { "datagrail", "DataGrail" },
      { "didomi", "Didomi" },
      { "funding-choices", "Google Funding Choices" },
      { "hubspot", "HubSpot" },
      { "iubenda", "iubenda" },
      { "ketch", "Ketch" },
      { "osano", "Osano" },
      { "quantcast", "Quantcast Choice" },
      { "sirdata", "Sirdata" },
      { "sourcepoint", "Sourcepoint" },
      { "termly", "Termly" },
      { "trustarc", "TrustArc" },
      { "usercentrics", "Usercentrics" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
      {
        if (g_ascii_strncasecmp (outcome->name, brands[i].prefix, strlen (brands[i].prefix)) == 0)
          return g_strdup (brands[i].title);
      }
  }

  return g_strdup (outcome->name);
}

/**
 * lectern_consent_section_dup_action_text:
 * @outcome: (nullable): a page's consent tool
 *
 * Returns: (transfer full): what Lectern told the tool, in words, with
 *   the time when it did; "" without a tool
 */
char *
lectern_consent_section_dup_action_text (const LecternCmpOutcome *outcome)
{
  g_autofree char *when = NULL;
  const char *what;

  if (outcome == NULL)
    return g_strdup ("");

  if (g_str_equal (outcome->action, "consent-cookie"))
    what = _("Lectern wrote your choices into its consent cookie");
  else if (g_str_equal (outcome->action, "update-consent"))
    what = _("Lectern gave it your choices");
  else if (g_str_equal (outcome->action, "submit-custom-consent"))
    what = _("Lectern submitted your choices to it");
  else if (g_str_equal (outcome->action, "opt-out"))
    what = _("Lectern refused everything optional");
  else if (g_str_equal (outcome->action, "opt-in"))
    what = _("Lectern accepted everything, as you allow it all");
  else if (g_str_equal (outcome->action, "read-only"))
    what = _("Lectern read what it holds; it takes no answer");
  else if (g_str_equal (outcome->action, "left-alone") && outcome->awaiting)
    what = _("Left alone: its banner waits for your answer");
  else if (g_str_equal (outcome->action, "left-alone") && outcome->recorded.known != 0)
    what = _("Left alone: it holds what you answered in its banner");
  else if (g_str_equal (outcome->action, "left-alone"))
    what = _("Left alone, as you asked");
  else if (g_str_equal (outcome->action, "banner-hidden"))
    what = _("Lectern hid its banner; it got no answer");
  else if (g_str_equal (outcome->action, "already-answered"))
    what = _("It showed no banner: it holds an answer from before");
  else if (g_str_equal (outcome->action, "failed"))
    what = _("Lectern could not answer it");
  else
    what = outcome->action;

  if (outcome->applied == NULL)
    return g_strdup (what);

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (outcome->applied);

    when = g_date_time_format (local, "%X");
  }

  /* Translators: what Lectern told a consent tool, then when: "Lectern gave it your choices, at 10:02:13" */
  return g_strdup_printf (_("%s, at %s"), what, when);
}

static gboolean
category_violated (LecternConsentSection *self,
                   LecternCategory        category)
{
  GPtrArray *violations = lectern_page_state_get_violations (self->page);

  for (guint i = 0; i < violations->len; i++)
    {
      const LecternViolation *violation = g_ptr_array_index (violations, i);

      if (violation->kind == LECTERN_VIOLATION_CMP && violation->category == category)
        return TRUE;
    }

  return FALSE;
}

static void
update (LecternConsentSection *self)
{
  const LecternCmpOutcome *outcome = NULL;
  gboolean left_alone;
  g_autofree char *title = NULL;
  g_autofree char *action = NULL;

  if (self->page != NULL)
    outcome = lectern_page_state_get_cmp_outcome (self->page);

  /* Not found yet is not none: the search goes on for a few seconds. */
  /* Without Lectern in the page nothing looks: none found would mislead. */
  if (outcome == NULL && self->page != NULL &&
      lectern_page_state_get_loaded (self->page) && !lectern_page_state_get_protected (self->page))
    title = g_strdup (_("Not looked for in this page"));
  else if (outcome == NULL && self->page != NULL && lectern_page_state_get_cmp_searching (self->page))
    title = g_strdup (_("Looking for a consent tool…"));
  else
    title = lectern_consent_section_dup_tool_title (outcome);
  action = lectern_consent_section_dup_action_text (outcome);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tool_row), title);
  adw_action_row_set_subtitle (self->tool_row, action);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tool_row), outcome != NULL ? outcome->detail : NULL);

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      GtkWidget *label = GTK_WIDGET (self->category_labels[category]);
      gboolean granted = FALSE;
      gboolean known;

      /* What a banner waiting for the reader holds is its defaults, not an
       * answer. */
      known = outcome != NULL && !outcome->awaiting &&
              lectern_consent_record_lookup (&outcome->recorded, category, &granted);
      gtk_widget_set_visible (GTK_WIDGET (self->category_rows[category]), known);
      if (!known)
        continue;

      gtk_widget_remove_css_class (label, "violation-badge");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->category_rows[category]), "violation");

      if (granted && category_violated (self, category))
        {
          gtk_label_set_text (GTK_LABEL (label), _("Granted against your choice"));
          gtk_widget_add_css_class (label, "violation-badge");
          gtk_widget_add_css_class (GTK_WIDGET (self->category_rows[category]), "violation");
        }
      else
        {
          gtk_label_set_text (GTK_LABEL (label), granted ? _("Recorded as granted") : _("Recorded as refused"));
          gtk_widget_add_css_class (label, "dim-label");
        }
    }

  /* A banner left alone takes no answer from Lectern: what the reader
   * answered in it may become the site's choices instead. */
  left_alone = outcome != NULL && g_str_equal (outcome->action, "left-alone");
  gtk_widget_set_visible (self->reapply_button, !left_alone);
  gtk_widget_set_visible (self->adopt_button, left_alone && !outcome->awaiting && outcome->recorded.known != 0);
}

static void
lectern_consent_section_dispose (GObject *object)
{
  LecternConsentSection *self = LECTERN_CONSENT_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_CONSENT_SECTION);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (lectern_consent_section_parent_class)->dispose (object);
}

static void
lectern_consent_section_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LecternConsentSection *self = LECTERN_CONSENT_SECTION (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_consent_section_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LecternConsentSection *self = LECTERN_CONSENT_SECTION (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      lectern_consent_section_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_consent_section_class_init (LecternConsentSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_consent_section_dispose;
  object_class->get_property = lectern_consent_section_get_property;
  object_class->set_property = lectern_consent_section_set_property;

  /**
   * LecternConsentSection:page:
   *
   * The site whose consent tool the section shows.
   */
  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         LECTERN_TYPE_PAGE_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-consent-section.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternConsentSection, box);
  gtk_widget_class_bind_template_child (widget_class, LecternConsentSection, group);
  gtk_widget_class_bind_template_child (widget_class, LecternConsentSection, tool_row);
  gtk_widget_class_bind_template_child (widget_class, LecternConsentSection, adopt_button);
  gtk_widget_class_bind_template_child (widget_class, LecternConsentSection, reapply_button);
}

static void
lectern_consent_section_init (LecternConsentSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Fixed rows, shown or hidden as the tool's record says: there are only
   * ever the six categories. */
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lectern_category_get_label (category));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_widget_set_visible (row, FALSE);
      adw_preferences_group_add (self->group, row);

      self->category_rows[category] = ADW_ACTION_ROW (row);
      self->category_labels[category] = GTK_LABEL (label);
    }

  update (self);
}

GtkWidget *
lectern_consent_section_new (void)
{
  return g_object_new (LECTERN_TYPE_CONSENT_SECTION, NULL);
}

/**
 * lectern_consent_section_get_page:
 * @self: a #LecternConsentSection
 *
 * Returns: (nullable) (transfer none): the site shown
 */
LecternPageState *
lectern_consent_section_get_page (LecternConsentSection *self)
{
  g_return_val_if_fail (LECTERN_IS_CONSENT_SECTION (self), NULL);

  return self->page;
}

/**
 * lectern_consent_section_set_page:
 * @self: a #LecternConsentSection
 * @page: (nullable): the site to show
 */
void
lectern_consent_section_set_page (LecternConsentSection *self,
                                  LecternPageState      *page)
{
  g_return_if_fail (LECTERN_IS_CONSENT_SECTION (self));
  g_return_if_fail (page == NULL || LECTERN_IS_PAGE_STATE (page));

  if (self->page == page)
    return;

  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  g_set_object (&self->page, page);

  /* The violations follow the outcome and the choices: one notify covers
   * every change the rows show. */
  if (page != NULL)
    {
      g_signal_connect_object (page, "notify::violations", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::cmp-outcome", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::cmp-searching", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::loaded", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}
