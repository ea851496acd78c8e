/* lectern-site-privacy.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-site-privacy.h"

#include "lectern-cookie-item.h"
#include "lectern-party.h"
#include "lectern-tracker-group.h"
#include "lectern-tracker-item.h"

#include <string.h>

struct _LecternSitePrivacy
{
  GObject parent_instance;

  /* Owned */
  char               *url;
  char               *site;
  char               *title;
  LecternSiteChoices *choices;
  GListStore         *trackers;
  GListStore         *tracker_groups;
  GHashTable         *groups_by_key;
  GHashTable         *allowed_trackers;
  GListStore         *cookies;
  GPtrArray          *requests;
  GHashTable         *seen_requests;
  LecternCmpOutcome  *cmp_outcome;
  GPtrArray          *evidence;
  GPtrArray          *violations;

  guint               n_trackers;
  guint               n_blocked;
  guint               n_violations;
  guint               category_blocked[LECTERN_CATEGORY_UNKNOWN + 1];
  guint               category_allowed[LECTERN_CATEGORY_UNKNOWN + 1];
};

G_DEFINE_FINAL_TYPE (LecternSitePrivacy, lectern_site_privacy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_SITE,
  PROP_TITLE,
  PROP_CHOICES,
  PROP_TRACKERS,
  PROP_TRACKER_GROUPS,
  PROP_COOKIES,
  PROP_N_TRACKERS,
  PROP_N_BLOCKED,
  PROP_N_COOKIES,
  PROP_N_VIOLATIONS,
  PROP_CMP_OUTCOME,
  PROP_VIOLATIONS,
  PROP_N_ALL_VIOLATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DELETE_COOKIES,
  ALLOW_TRACKER,
  REAPPLY_CONSENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_violations (LecternSitePrivacy *self);

static void
set_string (LecternSitePrivacy  *self,
            char               **field,
            const char          *value,
            guint                prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_count (LecternSitePrivacy *self,
           guint              *field,
           guint               value,
           guint               prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Same document, whatever the fragment: in-page navigation changes the
 * view's URI but not the page the requests belong to. */
static gboolean
same_page (const char *a,
           const char *b)
{
  gsize a_len;
  gsize b_len;

  if (a == NULL || b == NULL)
    return FALSE;

  a_len = strcspn (a, "#");
  b_len = strcspn (b, "#");

  return a_len == b_len && strncmp (a, b, a_len) == 0;
}

/* Categories with a violation come first, so that what breaks the
 * reader's choice is at the top; then by category, violations first
 * within one, then by name. */
static int
compare_cookies (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const gboolean *category_violated = user_data;
  const LecternCookieRecord *ca = *(const LecternCookieRecord * const *)a;
  const LecternCookieRecord *cb = *(const LecternCookieRecord * const *)b;
  int cmp;

  if (category_violated[ca->category] != category_violated[cb->category])
    return category_violated[ca->category] ? -1 : 1;

  if (ca->category != cb->category)
    return ca->category < cb->category ? -1 : 1;

  if (ca->violation != cb->violation)
    return ca->violation ? -1 : 1;

  if ((cmp = g_strcmp0 (ca->name, cb->name)) != 0)
    return cmp;

  return g_strcmp0 (ca->domain, cb->domain);
}

static void
lectern_site_privacy_finalize (GObject *object)
{
  LecternSitePrivacy *self = (LecternSitePrivacy *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->choices, lectern_site_choices_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->seen_requests, g_hash_table_unref);
  g_clear_pointer (&self->groups_by_key, g_hash_table_unref);
  g_clear_pointer (&self->allowed_trackers, g_hash_table_unref);
  g_clear_pointer (&self->cmp_outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_clear_pointer (&self->violations, g_ptr_array_unref);

  G_OBJECT_CLASS (lectern_site_privacy_parent_class)->finalize (object);
}

static void
lectern_site_privacy_dispose (GObject *object)
{
  LecternSitePrivacy *self = (LecternSitePrivacy *)object;

  g_clear_object (&self->trackers);
  g_clear_object (&self->tracker_groups);
  g_clear_object (&self->cookies);

  G_OBJECT_CLASS (lectern_site_privacy_parent_class)->dispose (object);
}

static void
lectern_site_privacy_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LecternSitePrivacy *self = LECTERN_SITE_PRIVACY (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, lectern_site_privacy_get_url (self));
      break;

    case PROP_SITE:
      g_value_set_string (value, lectern_site_privacy_get_site (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, lectern_site_privacy_get_title (self));
      break;

    case PROP_CHOICES:
      g_value_set_boxed (value, lectern_site_privacy_get_choices (self));
      break;

    case PROP_TRACKERS:
      g_value_set_object (value, self->trackers);
      break;

    case PROP_TRACKER_GROUPS:
      g_value_set_object (value, self->tracker_groups);
      break;

    case PROP_COOKIES:
      g_value_set_object (value, self->cookies);
      break;

    case PROP_N_TRACKERS:
      g_value_set_uint (value, self->n_trackers);
      break;

    case PROP_N_BLOCKED:
      g_value_set_uint (value, self->n_blocked);
      break;

    case PROP_N_COOKIES:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->cookies)));
      break;

    case PROP_N_VIOLATIONS:
      g_value_set_uint (value, self->n_violations);
      break;

    case PROP_CMP_OUTCOME:
      g_value_set_boxed (value, self->cmp_outcome);
      break;

    case PROP_VIOLATIONS:
      g_value_set_boxed (value, self->violations);
      break;

    case PROP_N_ALL_VIOLATIONS:
      g_value_set_uint (value, self->violations->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_site_privacy_class_init (LecternSitePrivacyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_site_privacy_dispose;
  object_class->finalize = lectern_site_privacy_finalize;
  object_class->get_property = lectern_site_privacy_get_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHOICES] =
    g_param_spec_boxed ("choices", NULL, NULL,
                        LECTERN_TYPE_SITE_CHOICES,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRACKERS] =
    g_param_spec_object ("trackers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRACKER_GROUPS] =
    g_param_spec_object ("tracker-groups", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_COOKIES] =
    g_param_spec_object ("cookies", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TRACKERS] =
    g_param_spec_uint ("n-trackers", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_BLOCKED] =
    g_param_spec_uint ("n-blocked", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_COOKIES] =
    g_param_spec_uint ("n-cookies", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_VIOLATIONS] =
    g_param_spec_uint ("n-violations", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CMP_OUTCOME] =
    g_param_spec_boxed ("cmp-outcome", NULL, NULL,
                        LECTERN_TYPE_CMP_OUTCOME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIOLATIONS] =
    g_param_spec_boxed ("violations", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ALL_VIOLATIONS] =
    g_param_spec_uint ("n-all-violations", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternSitePrivacy::delete-cookies:
   * @self: the view model
   * @name: (nullable): the cookie to delete, or %NULL for a whole category
   * @domain: (nullable): its domain
   * @category_id: (nullable): without @name, the category to delete
   *
   * The reader asked to delete cookies of the site on screen; whoever
   * holds the cookie store does it.
   */
  signals[DELETE_COOKIES] =
    g_signal_new ("delete-cookies",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * LecternSitePrivacy::allow-tracker:
   * @self: the view model
   * @tracker: a tracker's name, else its host
   * @allowed: whether to let it through on the site on screen
   *
   * The reader asked to allow a tracker on this site, or to stop; whoever
   * stores the site's choices does it.
   */
  signals[ALLOW_TRACKER] =
    g_signal_new ("allow-tracker",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * LecternSitePrivacy::reapply-consent:
   * @self: the view model
   *
   * The reader asked for the choices to be given to the site's consent
   * tool again; whoever holds the page does it (by loading it again).
   */
  signals[REAPPLY_CONSENT] =
    g_signal_new ("reapply-consent",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lectern_site_privacy_init (LecternSitePrivacy *self)
{
  self->site = g_strdup ("");
  self->trackers = g_list_store_new (LECTERN_TYPE_TRACKER_ITEM);
  self->tracker_groups = g_list_store_new (LECTERN_TYPE_TRACKER_GROUP);
  self->groups_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->allowed_trackers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cookies = g_list_store_new (LECTERN_TYPE_COOKIE_ITEM);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify)lectern_request_record_free);
  self->seen_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_evidence_free);
  self->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_violation_free);
}

LecternSitePrivacy *
lectern_site_privacy_new (void)
{
  return g_object_new (LECTERN_TYPE_SITE_PRIVACY, NULL);
}

/**
 * lectern_site_privacy_reset:
 * @self: a #LecternSitePrivacy
 * @url: (nullable): the URL of the new page
 * @choices: (nullable): the choices in force for its site
 *
 * Starts over for a new page: forgets the previous page's title,
 * requests and cookies.
 */
void
lectern_site_privacy_reset (LecternSitePrivacy       *self,
                            const char               *url,
                            const LecternSiteChoices *choices)
{
  g_autofree char *site = NULL;
  guint n_cookies;

  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));

  /* A URL without a host (file:, about:) has no site. */
  if (url != NULL)
    site = lectern_party_dup_site_for_uri (url);

  g_object_freeze_notify (G_OBJECT (self));

  set_string (self, &self->url, url, PROP_URL);
  set_string (self, &self->site, site != NULL ? site : "", PROP_SITE);
  set_string (self, &self->title, NULL, PROP_TITLE);
  lectern_site_privacy_set_choices (self, choices);

  g_ptr_array_set_size (self->requests, 0);
  g_hash_table_remove_all (self->seen_requests);
  g_list_store_remove_all (self->trackers);
  g_hash_table_remove_all (self->groups_by_key);
  g_list_store_remove_all (self->tracker_groups);
  memset (self->category_blocked, 0, sizeof self->category_blocked);
  memset (self->category_allowed, 0, sizeof self->category_allowed);
  set_count (self, &self->n_trackers, 0, PROP_N_TRACKERS);
  set_count (self, &self->n_blocked, 0, PROP_N_BLOCKED);

  n_cookies = g_list_model_get_n_items (G_LIST_MODEL (self->cookies));
  g_list_store_remove_all (self->cookies);
  if (n_cookies > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COOKIES]);
  set_count (self, &self->n_violations, 0, PROP_N_VIOLATIONS);
  g_ptr_array_set_size (self->evidence, 0);
  lectern_site_privacy_set_cmp_outcome (self, NULL);
  update_violations (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Recomputes the page's violations, with their evidence, from the
 * cookies, the cookie writes caught, the consent tool and the choices:
 * the same join the report makes, so the badge and the report agree. */
static void
update_violations (LecternSitePrivacy *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GPtrArray) violations = NULL;
  guint n_cookies;
  guint n_old;

  n_cookies = g_list_model_get_n_items (G_LIST_MODEL (self->cookies));
  for (guint i = 0; i < n_cookies; i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (G_LIST_MODEL (self->cookies), i);

      /* Borrowed: the store keeps the item, and the item its record. */
      g_ptr_array_add (records, (gpointer) lectern_cookie_item_get_record (item));
    }

  violations = lectern_violation_collect (records, self->evidence, self->cmp_outcome,
                                          self->choices, self->url);

  n_old = self->violations->len;
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  self->violations = g_steal_pointer (&violations);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIOLATIONS]);
  if (n_old != self->violations->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ALL_VIOLATIONS]);
}

/**
 * lectern_site_privacy_add_cookie_evidence:
 * @self: a #LecternSitePrivacy
 * @evidence: a cookie write seen on the page: a Set-Cookie response or a
 *   script's document.cookie
 *
 * Keeps a copy, as evidence for the violations of the page.
 */
void
lectern_site_privacy_add_cookie_evidence (LecternSitePrivacy          *self,
                                          const LecternCookieEvidence *evidence)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (evidence != NULL);

  /* A page writing the same cookie in a loop adds nothing after the
   * first write of each way it was written. */
  for (guint i = 0; i < self->evidence->len; i++)
    {
      const LecternCookieEvidence *old = g_ptr_array_index (self->evidence, i);

      if (g_strcmp0 (old->name, evidence->name) == 0 && g_str_equal (old->via, evidence->via) &&
          g_strcmp0 (old->host, evidence->host) == 0 && g_strcmp0 (old->by, evidence->by) == 0)
        return;
    }

  g_ptr_array_add (self->evidence, lectern_cookie_evidence_copy (evidence));

  /* A response that may have set cookies counts no violation of its own:
   * the next change of the cookies joins it, and a page has many. */
  if (evidence->name != NULL)
    update_violations (self);
}

/**
 * lectern_site_privacy_reapply_consent:
 * @self: a #LecternSitePrivacy
 *
 * Asks, through #LecternSitePrivacy::reapply-consent, for the choices to
 * be applied to the site's consent tool again.
 */
void
lectern_site_privacy_reapply_consent (LecternSitePrivacy *self)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));

  g_signal_emit (self, signals[REAPPLY_CONSENT], 0);
}

/**
 * lectern_site_privacy_get_violations:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (transfer none) (element-type LecternViolation): every
 *   violation of the page, cookies first, each with its evidence
 */
GPtrArray *
lectern_site_privacy_get_violations (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->violations;
}

/**
 * lectern_site_privacy_set_cmp_outcome:
 * @self: a #LecternSitePrivacy
 * @outcome: (nullable): the page's consent tool, what Lectern did with it
 *   and what it recorded; %NULL when the page has none (yet)
 *
 * A later outcome replaces an earlier one: consent tools load late and
 * change what they hold as Lectern answers them.
 */
void
lectern_site_privacy_set_cmp_outcome (LecternSitePrivacy      *self,
                                      const LecternCmpOutcome *outcome)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));

  if (lectern_cmp_outcome_equal (self->cmp_outcome, outcome))
    return;

  g_clear_pointer (&self->cmp_outcome, lectern_cmp_outcome_free);
  if (outcome != NULL)
    self->cmp_outcome = lectern_cmp_outcome_copy (outcome);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CMP_OUTCOME]);
  update_violations (self);
}

/**
 * lectern_site_privacy_get_cmp_outcome:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (transfer none) (nullable): the page's consent tool as last
 *   set, %NULL when none was found
 */
const LecternCmpOutcome *
lectern_site_privacy_get_cmp_outcome (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->cmp_outcome;
}

/**
 * lectern_site_privacy_set_choices:
 * @self: a #LecternSitePrivacy
 * @choices: (nullable): the choices now in force for the site
 */
void
lectern_site_privacy_set_choices (LecternSitePrivacy       *self,
                                  const LecternSiteChoices *choices)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));

  if (self->choices == choices)
    return;

  if (self->choices != NULL && choices != NULL &&
      lectern_site_choices_equal (self->choices, choices))
    return;

  g_clear_pointer (&self->choices, lectern_site_choices_free);
  if (choices != NULL)
    self->choices = lectern_site_choices_copy (choices);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICES]);
  update_violations (self);
}

/**
 * lectern_site_privacy_set_title:
 * @self: a #LecternSitePrivacy
 * @title: (nullable): the page's title
 */
void
lectern_site_privacy_set_title (LecternSitePrivacy *self,
                                const char         *title)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

/**
 * lectern_site_privacy_add_request:
 * @self: a #LecternSitePrivacy
 * @record: a request of the page and what was decided for it
 *
 * Counts @record for the report and, when it is a tracker's, lists it.
 * Records of another page than the current one (late messages of the
 * page before) are ignored.
 */
void
lectern_site_privacy_add_request (LecternSitePrivacy         *self,
                                  const LecternRequestRecord *record)
{
  g_autofree char *key = NULL;

  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (record != NULL);

  if (!same_page (record->page_url, self->url))
    return;

  /* WebKit's preload scanner asks for a resource, and the parser asks
   * again when the first request was blocked: the same URL with the same
   * verdict is one request of the page. */
  key = g_strdup_printf ("%c%s", record->blocked ? 'b' : 'a', record->url);
  if (!g_hash_table_add (self->seen_requests, g_steal_pointer (&key)))
    return;

  g_ptr_array_add (self->requests, lectern_request_record_copy (record));

  if (record->tracker)
    {
      g_autoptr(LecternTrackerItem) item = lectern_tracker_item_new (record);

      g_autofree char *group_key = lectern_tracker_group_dup_key_for (record);
      LecternTrackerGroup *group = g_hash_table_lookup (self->groups_by_key, group_key);
      LecternCategory category = MIN (record->category, LECTERN_CATEGORY_UNKNOWN);

      g_list_store_append (self->trackers, item);

      if (group != NULL)
        {
          lectern_tracker_group_add (group, record);
        }
      else
        {
          g_autoptr(LecternTrackerGroup) new_group = lectern_tracker_group_new (record);

          g_hash_table_insert (self->groups_by_key, g_steal_pointer (&group_key), new_group);
          g_list_store_insert_sorted (self->tracker_groups, new_group,
                                      lectern_tracker_group_compare, NULL);
        }

      if (record->blocked)
        self->category_blocked[category]++;
      else
        self->category_allowed[category]++;

      g_object_freeze_notify (G_OBJECT (self));
      set_count (self, &self->n_trackers, self->n_trackers + 1, PROP_N_TRACKERS);
      if (record->blocked)
        set_count (self, &self->n_blocked, self->n_blocked + 1, PROP_N_BLOCKED);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

/**
 * lectern_site_privacy_set_cookies:
 * @self: a #LecternSitePrivacy
 * @records: (nullable) (element-type LecternCookieRecord): the site's
 *   cookies, classified
 *
 * Replaces the cookie list with copies of @records, violations first,
 * then by name.
 */
void
lectern_site_privacy_set_cookies (LecternSitePrivacy *self,
                                  GPtrArray          *records)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean category_violated[LECTERN_CATEGORY_UNKNOWN + 1] = { FALSE };
  guint n_old;
  guint n_violations = 0;

  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));

  sorted = g_ptr_array_new ();
  if (records != NULL)
    {
      for (guint i = 0; i < records->len; i++)
        {
          LecternCookieRecord *record = records->pdata[i];

          if (record == NULL)
            continue;

          /* A record from elsewhere must not index past the table. */
          record->category = MIN (record->category, LECTERN_CATEGORY_UNKNOWN);
          if (record->violation)
            category_violated[record->category] = TRUE;
          g_ptr_array_add (sorted, record);
        }
    }
  g_ptr_array_sort_with_data (sorted, compare_cookies, category_violated);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < sorted->len; i++)
    {
      const LecternCookieRecord *record = sorted->pdata[i];

      g_ptr_array_add (items, lectern_cookie_item_new (record));
      if (record->violation)
        n_violations++;
    }

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->cookies));

  /* One splice, so that the list is rebuilt once and not per cookie. */
  g_list_store_splice (self->cookies, 0, n_old, items->pdata, items->len);

  g_object_freeze_notify (G_OBJECT (self));
  if (n_old != items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COOKIES]);
  set_count (self, &self->n_violations, n_violations, PROP_N_VIOLATIONS);
  update_violations (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_site_privacy_get_url:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (nullable): the page's URL, %NULL before any page
 */
const char *
lectern_site_privacy_get_url (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->url;
}

/**
 * lectern_site_privacy_get_site:
 * @self: a #LecternSitePrivacy
 *
 * Returns: the page's registrable domain; "" when it has none
 */
const char *
lectern_site_privacy_get_site (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->site;
}

/**
 * lectern_site_privacy_get_title:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (nullable): the page's title
 */
const char *
lectern_site_privacy_get_title (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->title;
}

/**
 * lectern_site_privacy_get_choices:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (nullable) (transfer none): the choices in force for the site
 */
const LecternSiteChoices *
lectern_site_privacy_get_choices (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->choices;
}

/**
 * lectern_site_privacy_get_trackers:
 * @self: a #LecternSitePrivacy
 *
 * The same model for the object's whole life; a new page empties it.
 *
 * Returns: (transfer none): a #GListModel of #LecternTrackerItem
 */
GListModel *
lectern_site_privacy_get_trackers (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return G_LIST_MODEL (self->trackers);
}

/**
 * lectern_site_privacy_get_cookies:
 * @self: a #LecternSitePrivacy
 *
 * The same model for the object's whole life; a new page empties it.
 *
 * Returns: (transfer none): a #GListModel of #LecternCookieItem
 */
GListModel *
lectern_site_privacy_get_cookies (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return G_LIST_MODEL (self->cookies);
}

/**
 * lectern_site_privacy_get_n_requests:
 * @self: a #LecternSitePrivacy
 *
 * Returns: the number of requests of the page, trackers or not
 */
guint
lectern_site_privacy_get_n_requests (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), 0);

  return self->requests->len;
}

/**
 * lectern_site_privacy_get_tracker_groups:
 * @self: a #LecternSitePrivacy
 *
 * The same model for the object's whole life; a new page empties it.
 *
 * Returns: (transfer none): a #GListModel of #LecternTrackerGroup, by
 *   company then name
 */
GListModel *
lectern_site_privacy_get_tracker_groups (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return G_LIST_MODEL (self->tracker_groups);
}

/**
 * lectern_site_privacy_get_category_counts:
 * @self: a #LecternSitePrivacy
 * @category: a category
 * @n_blocked: (out) (optional): tracker requests of @category blocked
 * @n_allowed: (out) (optional): tracker requests of @category allowed
 *
 * Changes whenever "n-trackers" does.
 */
void
lectern_site_privacy_get_category_counts (LecternSitePrivacy *self,
                                          LecternCategory     category,
                                          guint              *n_blocked,
                                          guint              *n_allowed)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (category <= LECTERN_CATEGORY_UNKNOWN);

  if (n_blocked != NULL)
    *n_blocked = self->category_blocked[category];
  if (n_allowed != NULL)
    *n_allowed = self->category_allowed[category];
}

/**
 * lectern_site_privacy_delete_cookie:
 * @self: a #LecternSitePrivacy
 * @name: the cookie's name
 * @domain: its domain, as listed
 *
 * Asks, through #LecternSitePrivacy::delete-cookies, for one cookie of
 * the site on screen to be deleted.
 */
void
lectern_site_privacy_delete_cookie (LecternSitePrivacy *self,
                                    const char         *name,
                                    const char         *domain)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (name != NULL);

  g_signal_emit (self, signals[DELETE_COOKIES], 0, name, domain, NULL);
}

/**
 * lectern_site_privacy_delete_category_cookies:
 * @self: a #LecternSitePrivacy
 * @category: a category
 *
 * Asks, through #LecternSitePrivacy::delete-cookies, for every cookie of
 * the site on screen in @category to be deleted.
 */
void
lectern_site_privacy_delete_category_cookies (LecternSitePrivacy *self,
                                              LecternCategory     category)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (category <= LECTERN_CATEGORY_UNKNOWN);

  g_signal_emit (self, signals[DELETE_COOKIES], 0, NULL, NULL, lectern_category_to_id (category));
}

/**
 * lectern_site_privacy_set_allowed_trackers:
 * @self: a #LecternSitePrivacy
 * @trackers: (nullable) (array zero-terminated=1): the trackers allowed on
 *   the site on screen, by name, else host
 */
void
lectern_site_privacy_set_allowed_trackers (LecternSitePrivacy *self,
                                           const char * const *trackers)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));

  g_hash_table_remove_all (self->allowed_trackers);
  for (guint i = 0; trackers != NULL && trackers[i] != NULL; i++)
    g_hash_table_add (self->allowed_trackers, g_strdup (trackers[i]));
}

/**
 * lectern_site_privacy_get_tracker_allowed:
 * @self: a #LecternSitePrivacy
 * @tracker: a tracker's name, else its host
 *
 * Returns: whether the reader allowed @tracker on the site on screen
 */
gboolean
lectern_site_privacy_get_tracker_allowed (LecternSitePrivacy *self,
                                          const char         *tracker)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), FALSE);

  return tracker != NULL && g_hash_table_contains (self->allowed_trackers, tracker);
}

/**
 * lectern_site_privacy_allow_tracker:
 * @self: a #LecternSitePrivacy
 * @tracker: a tracker's name, else its host
 * @allowed: whether to let it through on the site on screen
 *
 * Asks, through #LecternSitePrivacy::allow-tracker, for the choice to be
 * stored and applied.
 */
void
lectern_site_privacy_allow_tracker (LecternSitePrivacy *self,
                                    const char         *tracker,
                                    gboolean            allowed)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (tracker != NULL);

  g_signal_emit (self, signals[ALLOW_TRACKER], 0, tracker, allowed);
}

/**
 * lectern_site_privacy_build_report:
 * @self: a #LecternSitePrivacy
 *
 * The report of the page as the sidebar shows it: every request added
 * and every cookie listed.
 *
 * Returns: (transfer full): a new #LecternPageReport
 */
LecternPageReport *
lectern_site_privacy_build_report (LecternSitePrivacy *self)
{
  LecternPageReport *report;
  guint n_cookies;

  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  report = lectern_page_report_new (self->url != NULL ? self->url : "");

  if (self->title != NULL)
    lectern_page_report_set_title (report, self->title);

  if (self->choices != NULL)
    lectern_page_report_set_choices (report, self->choices);

  lectern_page_report_set_cmp (report, self->cmp_outcome);

  for (guint i = 0; i < self->evidence->len; i++)
    lectern_page_report_add_evidence (report, g_ptr_array_index (self->evidence, i));

  for (guint i = 0; i < self->requests->len; i++)
    lectern_page_report_add_request (report, g_ptr_array_index (self->requests, i));

  n_cookies = g_list_model_get_n_items (G_LIST_MODEL (self->cookies));
  for (guint i = 0; i < n_cookies; i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (G_LIST_MODEL (self->cookies), i);

      lectern_page_report_take_cookie (report,
                                       lectern_cookie_record_copy (lectern_cookie_item_get_record (item)));
    }

  return report;
}
