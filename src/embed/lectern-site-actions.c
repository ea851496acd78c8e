/* lectern-site-actions.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-site-actions.h"

#include <glib/gi18n.h>

/**
 * LecternSiteActions:
 *
 * Every command about the site on screen, as one action group (inserted
 * as "site" by the window):
 *
 * - "necessary" … "sale" (stateful, boolean): a category on or off,
 * - "trusted" (stateful, boolean): no blocking on the site at all,
 * - "leave-banner" (stateful, boolean): nothing answers the site's banner,
 * - "allow-tracker" (sb): let a tracker (name, else host) through, or stop,
 * - "delete-cookie" (ss): delete one cookie (name, domain),
 * - "delete-category-cookies" (s): delete every cookie of a category,
 * - "reapply-consent": give the choices to the site's consent tool again,
 * - "adopt-consent": make what the reader answered in the site's banner,
 *   left alone, the site's choices.
 *
 * Each handler changes the profile (which saves the change and hands it to
 * the web processes once), then loads the page again where the change
 * needs it. The sidebar's switches and buttons only activate these, and
 * tests and shortcuts drive the same path. What fails is said through
 * #LecternSiteActions::failed.
 */
struct _LecternSiteActions
{
  GSimpleActionGroup  parent_instance;

  /* Owned */
  LecternWebView     *web_view;
  GSignalGroup       *page_signals;
};

G_DEFINE_FINAL_TYPE (LecternSiteActions, lectern_site_actions, G_TYPE_SIMPLE_ACTION_GROUP)

enum {
  PROP_0,
  PROP_WEB_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fail (LecternSiteActions *self,
      char               *message)
{
  g_signal_emit (self, signals[FAILED], 0, message);
  g_free (message);
}

static LecternPageState *
get_page (LecternSiteActions *self)
{
  return lectern_web_view_get_page (self->web_view);
}

static gboolean
is_site (LecternSiteActions *self)
{
  return lectern_page_state_get_site (get_page (self))[0] != '\0';
}

typedef struct
{
  LecternSiteActions *self;
  guint               n_pending;
} ClearData;

static void
clear_one_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClearData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (lectern_cookie_enforcer_delete_finish (LECTERN_COOKIE_ENFORCER (object), result, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A consent cookie was not deleted: %s", error->message);

  if (--data->n_pending > 0)
    return;

  lectern_web_view_reload_page (data->self->web_view);
  g_object_unref (data->self);
  g_free (data);
}

/* Left alone from now on: the answer Lectern gave the site's tool is
 * deleted, so that its banner asks the reader again when the page loads
 * again. */
static void
clear_consent_record (LecternSiteActions *self)
{
  const LecternCmpOutcome *outcome = lectern_page_state_get_cmp_outcome (get_page (self));
  LecternCookieEnforcer *enforcer = lectern_web_view_get_cookie_enforcer (self->web_view);
  const char * const *names;
  ClearData *data;

  names = outcome != NULL && !g_str_equal (outcome->action, "left-alone")
          ? lectern_cmp_outcome_get_consent_cookies (outcome) : NULL;
  if (names == NULL || names[0] == NULL)
    {
      lectern_web_view_reload_page (self->web_view);
      return;
    }

  data = g_new0 (ClearData, 1);
  data->self = g_object_ref (self);
  data->n_pending = g_strv_length ((char **) names);
  for (guint i = 0; names[i] != NULL; i++)
    lectern_cookie_enforcer_delete_async (enforcer, names[i], NULL, NULL, NULL, clear_one_done_cb, data);
}

typedef struct
{
  const char *name;
  gboolean    on;
} ChoiceEdit;

static void
edit_choice (LecternSiteChoices *choices,
             gpointer            user_data)
{
  const ChoiceEdit *change = user_data;
  LecternCategory category;

  if (g_str_equal (change->name, "trusted"))
    lectern_site_choices_set_trusted (choices, change->on);
  else if (g_str_equal (change->name, "leave-banner"))
    lectern_site_choices_set_leave_banner (choices, change->on);
  else if (lectern_category_from_id (change->name, &category))
    lectern_site_choices_set_allowed (choices, category, change->on);
}

static void
choice_change_state_cb (GSimpleAction      *action,
                        GVariant           *state,
                        LecternSiteActions *self)
{
  LecternPageState *page = get_page (self);
  ChoiceEdit change = { g_action_get_name (G_ACTION (action)), g_variant_get_boolean (state) };
  g_autoptr(GError) error = NULL;
  LecternCategory category;

  if (lectern_page_state_get_choices (page) == NULL || !is_site (self))
    return;

  if (!g_str_equal (change.name, "trusted") && !g_str_equal (change.name, "leave-banner") &&
      !(lectern_category_from_id (change.name, &category) && lectern_category_is_blockable (category)))
    return;

  /* Only the switch the reader turned is stored: another process may have
   * changed the site's other choices since the page was loaded. */
  if (!lectern_profile_edit_choices (lectern_web_view_get_profile (self->web_view),
                                     lectern_page_state_get_site (page), edit_choice, &change, &error))
    {
      /* Translators: %s is an error message */
      fail (self, g_strdup_printf (_("The choice could not be saved: %s"), error->message));
      return;
    }

  /* The profile told the view, whose page now has the new choices: the
   * action's state follows them (sync_actions()), so it is not set here. */
  {
    g_autoptr(GVariant) now = g_action_get_state (G_ACTION (action));

    g_assert (g_variant_equal (now, state));
  }

  if (g_str_equal (change.name, "leave-banner") && change.on)
    clear_consent_record (self);
  else
    lectern_web_view_reload_page (self->web_view);
}

/* The reader allowed a tracker on this site, or stopped: store it, and
 * load the page again with it. */
static void
allow_tracker_cb (GSimpleAction      *action,
                  GVariant           *parameter,
                  LecternSiteActions *self)
{
  const char *site = lectern_page_state_get_site (get_page (self));
  g_autoptr(GError) error = NULL;
  const char *tracker;
  gboolean allowed;

  g_variant_get (parameter, "(&sb)", &tracker, &allowed);
  if (site[0] == '\0' || tracker[0] == '\0')
    return;

  if (!lectern_profile_set_tracker_allowed (lectern_web_view_get_profile (self->web_view),
                                            site, tracker, allowed, &error))
    {
      /* Translators: %s is an error message */
      fail (self, g_strdup_printf (_("The choice could not be saved: %s"), error->message));
      return;
    }

  lectern_web_view_reload_page (self->web_view);
}

static void
delete_cookies_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LecternSiteActions) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lectern_cookie_enforcer_delete_finish (LECTERN_COOKIE_ENFORCER (object), result, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: %s is an error message */
    fail (self, g_strdup_printf (_("The cookies could not be deleted: %s"), error->message));
}

static void
delete_cookie_cb (GSimpleAction      *action,
                  GVariant           *parameter,
                  LecternSiteActions *self)
{
  const char *name;
  const char *domain;

  g_variant_get (parameter, "(&s&s)", &name, &domain);
  lectern_cookie_enforcer_delete_async (lectern_web_view_get_cookie_enforcer (self->web_view), name, domain, NULL,
                                        NULL, delete_cookies_done_cb, g_object_ref (self));
}

static void
delete_category_cookies_cb (GSimpleAction      *action,
                            GVariant           *parameter,
                            LecternSiteActions *self)
{
  const char *category_id = g_variant_get_string (parameter, NULL);
  LecternCategory category;

  if (!lectern_category_from_id (category_id, &category))
    return;

  lectern_cookie_enforcer_delete_async (lectern_web_view_get_cookie_enforcer (self->web_view), NULL, NULL,
                                        category_id, NULL, delete_cookies_done_cb, g_object_ref (self));
}

static void
edit_adopted (LecternSiteChoices *choices,
              gpointer            user_data)
{
  const LecternConsentRecord *recorded = user_data;

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean granted;

      if (lectern_category_is_blockable (category) &&
          lectern_consent_record_lookup (recorded, category, &granted))
        lectern_site_choices_set_allowed (choices, category, granted);
    }
}

/* What the reader answered in a banner left alone becomes the site's
 * choices, for every category the tool records; the others stay as they
 * are stored. */
static void
adopt_consent_cb (GSimpleAction      *action,
                  GVariant           *parameter,
                  LecternSiteActions *self)
{
  LecternPageState *page = get_page (self);
  const LecternCmpOutcome *outcome = lectern_page_state_get_cmp_outcome (page);
  g_autoptr(GError) error = NULL;

  if (outcome == NULL || lectern_page_state_get_choices (page) == NULL || !is_site (self))
    return;

  if (!lectern_profile_edit_choices (lectern_web_view_get_profile (self->web_view),
                                     lectern_page_state_get_site (page), edit_adopted,
                                     (gpointer) &outcome->recorded, &error))
    {
      /* Translators: %s is an error message */
      fail (self, g_strdup_printf (_("The choice could not be saved: %s"), error->message));
      return;
    }

  lectern_web_view_reload_page (self->web_view);
}

/* Whether the page's tool, left alone, holds an answer of the reader's. */
static gboolean
has_answer_to_adopt (LecternSiteActions *self)
{
  const LecternCmpOutcome *outcome = lectern_page_state_get_cmp_outcome (get_page (self));

  return outcome != NULL && g_str_equal (outcome->action, "left-alone") && !outcome->awaiting &&
         outcome->recorded.known != 0;
}

/* Loading the page again applies the choices to its consent tool from the
 * start, before its scripts run, as on any load. */
static void
reapply_consent_cb (GSimpleAction      *action,
                    GVariant           *parameter,
                    LecternSiteActions *self)
{
  lectern_web_view_reload_page (self->web_view);
}

static void
set_action (LecternSiteActions *self,
            const char         *name,
            gboolean            enabled,
            GVariant           *state)
{
  GSimpleAction *action = G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), name));

  g_assert (action != NULL);

  if (state != NULL)
    g_simple_action_set_state (action, state);
  g_simple_action_set_enabled (action, enabled);
}

/* The switches show the choices of the page on screen; without a site,
 * there is nothing to choose for. */
static void
sync_actions (LecternSiteActions *self)
{
  const LecternSiteChoices *choices = lectern_page_state_get_choices (get_page (self));
  gboolean site = is_site (self);

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean allowed = choices != NULL ? lectern_site_choices_get_allowed (choices, category)
                                         : category == LECTERN_CATEGORY_NECESSARY;

      set_action (self, lectern_category_to_id (category), site && lectern_category_is_blockable (category),
                  g_variant_new_boolean (allowed));
    }

  set_action (self, "trusted", site,
              g_variant_new_boolean (choices != NULL && lectern_site_choices_get_trusted (choices)));
  set_action (self, "leave-banner", site,
              g_variant_new_boolean (choices != NULL && lectern_site_choices_get_leave_banner (choices)));
  set_action (self, "allow-tracker", site, NULL);
  set_action (self, "delete-cookie", site, NULL);
  set_action (self, "delete-category-cookies", site, NULL);
  set_action (self, "reapply-consent", site, NULL);
  set_action (self, "adopt-consent", site && has_answer_to_adopt (self), NULL);
}

static void
add_choice_action (LecternSiteActions *self,
                   const char         *name)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (FALSE));

  g_signal_connect_object (action, "change-state", G_CALLBACK (choice_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

static void
add_command_action (LecternSiteActions *self,
                    const char         *name,
                    const char         *parameter_type,
                    GCallback           activate_cb)
{
  g_autoptr(GSimpleAction) action = NULL;

  action = g_simple_action_new (name, parameter_type != NULL ? G_VARIANT_TYPE (parameter_type) : NULL);
  g_signal_connect_object (action, "activate", activate_cb, self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}

static void
lectern_site_actions_constructed (GObject *object)
{
  LecternSiteActions *self = LECTERN_SITE_ACTIONS (object);

  G_OBJECT_CLASS (lectern_site_actions_parent_class)->constructed (object);

  g_assert (self->web_view != NULL);

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    add_choice_action (self, lectern_category_to_id (category));
  add_choice_action (self, "trusted");
  add_choice_action (self, "leave-banner");
  add_command_action (self, "allow-tracker", "(sb)", G_CALLBACK (allow_tracker_cb));
  add_command_action (self, "delete-cookie", "(ss)", G_CALLBACK (delete_cookie_cb));
  add_command_action (self, "delete-category-cookies", "s", G_CALLBACK (delete_category_cookies_cb));
  add_command_action (self, "reapply-consent", NULL, G_CALLBACK (reapply_consent_cb));
  add_command_action (self, "adopt-consent", NULL, G_CALLBACK (adopt_consent_cb));

  /* Whichever page is on screen: the group follows the view's "page". */
  self->page_signals = g_signal_group_new (LECTERN_TYPE_PAGE_STATE);
  g_signal_group_connect_swapped (self->page_signals, "notify::choices", G_CALLBACK (sync_actions), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::site", G_CALLBACK (sync_actions), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::cmp-outcome", G_CALLBACK (sync_actions), self);
  g_signal_connect_object (self->web_view, "notify::page", G_CALLBACK (sync_actions), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->web_view, "page", self->page_signals, "target", G_BINDING_SYNC_CREATE);
  sync_actions (self);
}

static void
lectern_site_actions_dispose (GObject *object)
{
  LecternSiteActions *self = LECTERN_SITE_ACTIONS (object);

  g_clear_object (&self->page_signals);
  g_clear_object (&self->web_view);

  G_OBJECT_CLASS (lectern_site_actions_parent_class)->dispose (object);
}

static void
lectern_site_actions_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LecternSiteActions *self = LECTERN_SITE_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      g_value_set_object (value, self->web_view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_site_actions_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LecternSiteActions *self = LECTERN_SITE_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      self->web_view = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_site_actions_class_init (LecternSiteActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_site_actions_constructed;
  object_class->dispose = lectern_site_actions_dispose;
  object_class->get_property = lectern_site_actions_get_property;
  object_class->set_property = lectern_site_actions_set_property;

  properties[PROP_WEB_VIEW] =
    g_param_spec_object ("web-view", NULL, NULL,
                         LECTERN_TYPE_WEB_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternSiteActions::failed:
   * @self: the actions
   * @message: what went wrong, for the reader
   *
   * A command could not be carried out.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lectern_site_actions_init (LecternSiteActions *self)
{
}

/**
 * lectern_site_actions_new:
 * @web_view: the view whose site the actions are about
 *
 * Returns: (transfer full): the "site" actions of @web_view
 */
LecternSiteActions *
lectern_site_actions_new (LecternWebView *web_view)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (web_view), NULL);

  return g_object_new (LECTERN_TYPE_SITE_ACTIONS,
                       "web-view", web_view,
                       NULL);
}

LecternWebView *
lectern_site_actions_get_web_view (LecternSiteActions *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_ACTIONS (self), NULL);

  return self->web_view;
}
