/* lectern-page-state.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-page-state.h"

#include <string.h>

#include "lectern-cookie-classifier.h"
#include "lectern-party.h"
#include "lectern-request-log.h"
#include "lectern-uri.h"
#include "lectern-violation.h"

/**
 * LecternPageState:
 *
 * What one page did, as Lectern saw it: its site, the choices in force for
 * the site, every request and what was decided for it, the site's cookies,
 * the consent tool's outcome, the cookie writes caught and the violations
 * they make. One is made for each page a view loads and kept with that
 * page, so that whatever shows the page (the sidebar, a report) tells the
 * page's own truth.
 */
struct _LecternPageState
{
  GObject             parent_instance;

  /* Owned */
  char               *url;
  char               *site;
  char               *title;
  LecternSiteChoices *choices;
  GHashTable         *allowed_trackers;
  LecternRequestLog  *requests;
  GPtrArray          *cookies;
  LecternCmpOutcome  *cmp_outcome;
  /* What the page's TCF tool holds, read from its TC string */
  LecternCmpOutcome  *tcf_read;
  GPtrArray          *evidence;
  GPtrArray          *violations;

  guint               n_violations;
  gboolean            cmp_searching;
  gboolean            protected;
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (LecternPageState, lectern_page_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_SITE,
  PROP_TITLE,
  PROP_CHOICES,
  PROP_N_TRACKERS,
  PROP_N_BLOCKED,
  PROP_COOKIES,
  PROP_N_COOKIES,
  PROP_N_VIOLATIONS,
  PROP_CMP_OUTCOME,
  PROP_VIOLATIONS,
  PROP_N_ALL_VIOLATIONS,
  PROP_CMP_SEARCHING,
  PROP_PROTECTED,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REQUEST_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_violations (LecternPageState *self);

static void
lectern_page_state_finalize (GObject *object)
{
  LecternPageState *self = LECTERN_PAGE_STATE (object);

  g_free (self->url);
  g_free (self->site);
  g_free (self->title);
  g_clear_pointer (&self->choices, lectern_site_choices_free);
  g_hash_table_unref (self->allowed_trackers);
  lectern_request_log_free (self->requests);
  g_ptr_array_unref (self->cookies);
  g_clear_pointer (&self->cmp_outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&self->tcf_read, lectern_cmp_outcome_free);
  g_ptr_array_unref (self->evidence);
  g_ptr_array_unref (self->violations);

  G_OBJECT_CLASS (lectern_page_state_parent_class)->finalize (object);
}

static void
lectern_page_state_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LecternPageState *self = LECTERN_PAGE_STATE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_SITE:
      g_value_set_string (value, self->site);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_CHOICES:
      g_value_set_boxed (value, self->choices);
      break;

    case PROP_N_TRACKERS:
      g_value_set_uint (value, lectern_request_log_get_n_trackers (self->requests));
      break;

    case PROP_N_BLOCKED:
      g_value_set_uint (value, lectern_request_log_get_n_blocked (self->requests));
      break;

    case PROP_COOKIES:
      g_value_set_boxed (value, self->cookies);
      break;

    case PROP_N_COOKIES:
      g_value_set_uint (value, self->cookies->len);
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

    case PROP_CMP_SEARCHING:
      g_value_set_boolean (value, self->cmp_searching);
      break;

    case PROP_PROTECTED:
      g_value_set_boolean (value, self->protected);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
new_count_pspec (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL,
                            0, G_MAXUINT, 0,
                            (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
lectern_page_state_class_init (LecternPageStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_page_state_finalize;
  object_class->get_property = lectern_page_state_get_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * LecternPageState:site:
   *
   * The page's registrable domain; "" for a page without a host (a local
   * file, the start page).
   */
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

  properties[PROP_N_TRACKERS] = new_count_pspec ("n-trackers");
  properties[PROP_N_BLOCKED] = new_count_pspec ("n-blocked");

  /**
   * LecternPageState:cookies:
   *
   * The site's cookies, classified (#LecternCookieRecord), categories with
   * a violation first, then by category, violations first within one.
   */
  properties[PROP_COOKIES] =
    g_param_spec_boxed ("cookies", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_COOKIES] = new_count_pspec ("n-cookies");

  /**
   * LecternPageState:n-violations:
   *
   * How many of the cookies break the site's choices.
   */
  properties[PROP_N_VIOLATIONS] = new_count_pspec ("n-violations");

  properties[PROP_CMP_OUTCOME] =
    g_param_spec_boxed ("cmp-outcome", NULL, NULL,
                        LECTERN_TYPE_CMP_OUTCOME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * LecternPageState:violations:
   *
   * Every violation of the page with its evidence (#LecternViolation), as
   * the report lists them.
   */
  properties[PROP_VIOLATIONS] =
    g_param_spec_boxed ("violations", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * LecternPageState:n-all-violations:
   *
   * How many violations: violating cookies and the consent tool's
   * refused-but-granted categories.
   */
  properties[PROP_N_ALL_VIOLATIONS] = new_count_pspec ("n-all-violations");

  /**
   * LecternPageState:cmp-searching:
   *
   * Whether Lectern is still looking for the page's consent tool: a page
   * with no "cmp-outcome" yet may still get one.
   */
  properties[PROP_CMP_SEARCHING] =
    g_param_spec_boolean ("cmp-searching", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * LecternPageState:protected:
   *
   * Whether Lectern's web process extension spoke for the page: it was
   * loaded in the page's web process, which then decided every request of
   * the page. A page that is #LecternPageState:loaded without it was
   * loaded with no blocking at all.
   */
  properties[PROP_PROTECTED] =
    g_param_spec_boolean ("protected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * LecternPageState:loaded:
   *
   * Whether the page has finished loading.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternPageState::request-added:
   * @self: the page
   * @record: the request and what was decided for it
   *
   * A request of the page was seen for the first time.
   */
  signals[REQUEST_ADDED] =
    g_signal_new ("request-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LECTERN_TYPE_REQUEST_RECORD | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lectern_page_state_init (LecternPageState *self)
{
  self->site = g_strdup ("");
  self->allowed_trackers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->requests = lectern_request_log_new ();
  self->cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  self->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_evidence_free);
  self->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_violation_free);
}

/**
 * lectern_page_state_new:
 * @url: (nullable): the page's URL; %NULL before any page
 * @choices: (nullable): the choices in force for its site
 * @allowed_trackers: (nullable) (array zero-terminated=1): the trackers
 *   the reader allowed on its site, by name, else host
 *
 * Returns: (transfer full): the state of a page that has done nothing yet
 */
LecternPageState *
lectern_page_state_new (const char               *url,
                        const LecternSiteChoices *choices,
                        const char * const       *allowed_trackers)
{
  LecternPageState *self = g_object_new (LECTERN_TYPE_PAGE_STATE, NULL);
  char *site = url != NULL ? lectern_party_dup_site_for_uri (url) : NULL;

  self->url = g_strdup (url);

  /* A URL without a host (file:, about:) has no site. */
  if (site != NULL)
    {
      g_free (self->site);
      self->site = site;
    }

  if (choices != NULL)
    self->choices = lectern_site_choices_copy (choices);
  lectern_page_state_set_allowed_trackers (self, allowed_trackers);

  return self;
}

const char *
lectern_page_state_get_url (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return self->url;
}

/**
 * lectern_page_state_get_site:
 * @self: a #LecternPageState
 *
 * Returns: the page's registrable domain; "" when it has none
 */
const char *
lectern_page_state_get_site (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return self->site;
}

/**
 * lectern_page_state_is_page:
 * @self: a #LecternPageState
 * @url: (nullable): a page's URL, as a message names it
 *
 * Messages of the page before, arriving late, name their page: they are
 * this page's only when the address is this page's, whatever the fragment.
 *
 * Returns: whether @url is this page
 */
gboolean
lectern_page_state_is_page (LecternPageState *self,
                            const char       *url)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), FALSE);

  return lectern_uri_is_same_document (url, self->url);
}

const char *
lectern_page_state_get_title (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return self->title;
}

void
lectern_page_state_set_title (LecternPageState *self,
                              const char       *title)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * lectern_page_state_get_choices:
 * @self: a #LecternPageState
 *
 * Returns: (nullable) (transfer none): the choices in force for the site
 */
const LecternSiteChoices *
lectern_page_state_get_choices (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return self->choices;
}

/**
 * lectern_page_state_set_choices:
 * @self: a #LecternPageState
 * @choices: (nullable): the choices now in force for the site
 *
 * The violations are counted again under them at once: the page's
 * cookies and its consent tool's record break the new choices, or no
 * longer do, before the page is loaded again.
 */
void
lectern_page_state_set_choices (LecternPageState         *self,
                                const LecternSiteChoices *choices)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  if (self->choices == choices ||
      (self->choices != NULL && choices != NULL && lectern_site_choices_equal (self->choices, choices)))
    return;

  g_clear_pointer (&self->choices, lectern_site_choices_free);
  if (choices != NULL)
    self->choices = lectern_site_choices_copy (choices);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICES]);
  update_violations (self);
}

/**
 * lectern_page_state_get_tracker_allowed:
 * @self: a #LecternPageState
 * @tracker: (nullable): a tracker's name, else its host
 *
 * Returns: whether the reader allowed @tracker on the page's site
 */
gboolean
lectern_page_state_get_tracker_allowed (LecternPageState *self,
                                        const char       *tracker)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), FALSE);

  return tracker != NULL && g_hash_table_contains (self->allowed_trackers, tracker);
}

/**
 * lectern_page_state_set_allowed_trackers:
 * @self: a #LecternPageState
 * @trackers: (nullable) (array zero-terminated=1): the trackers allowed on
 *   the page's site, by name, else host
 */
void
lectern_page_state_set_allowed_trackers (LecternPageState   *self,
                                         const char * const *trackers)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  g_hash_table_remove_all (self->allowed_trackers);
  for (guint i = 0; trackers != NULL && trackers[i] != NULL; i++)
    g_hash_table_add (self->allowed_trackers, g_strdup (trackers[i]));
}

/**
 * lectern_page_state_add_request:
 * @self: a #LecternPageState
 * @record: a request of the page and what was decided for it
 *
 * Keeps @record for the report and counts it when it is a tracker's, then
 * emits #LecternPageState::request-added. Records of another page (late
 * messages of the page before) and a request seen already are left out.
 *
 * Returns: whether @record was added
 */
gboolean
lectern_page_state_add_request (LecternPageState           *self,
                                const LecternRequestRecord *record)
{
  const LecternRequestRecord *added;

  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!lectern_uri_is_same_document (record->page_url, self->url))
    return FALSE;

  added = lectern_request_log_add (self->requests, record);
  if (added == NULL)
    return FALSE;

  if (added->tracker)
    {
      g_object_freeze_notify (G_OBJECT (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TRACKERS]);
      if (added->blocked)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BLOCKED]);
      g_object_thaw_notify (G_OBJECT (self));
    }

  g_signal_emit (self, signals[REQUEST_ADDED], 0, added);

  return TRUE;
}

/**
 * lectern_page_state_get_requests:
 * @self: a #LecternPageState
 *
 * Returns: (transfer none) (element-type LecternRequestRecord): every
 *   request of the page, trackers or not, in the order seen
 */
GPtrArray *
lectern_page_state_get_requests (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return lectern_request_log_get_requests (self->requests);
}

guint
lectern_page_state_get_n_trackers (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), 0);

  return lectern_request_log_get_n_trackers (self->requests);
}

guint
lectern_page_state_get_n_blocked (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), 0);

  return lectern_request_log_get_n_blocked (self->requests);
}

/**
 * lectern_page_state_get_category_counts:
 * @self: a #LecternPageState
 * @category: a category
 * @n_blocked: (out) (optional): tracker requests of @category blocked
 * @n_allowed: (out) (optional): tracker requests of @category allowed
 *
 * Changes whenever "n-trackers" does.
 */
void
lectern_page_state_get_category_counts (LecternPageState *self,
                                        LecternCategory   category,
                                        guint            *n_blocked,
                                        guint            *n_allowed)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  lectern_request_log_get_category_counts (self->requests, category, n_blocked, n_allowed);
}

/**
 * lectern_page_state_set_cookies:
 * @self: a #LecternPageState
 * @records: (nullable) (element-type LecternCookieRecord): the site's
 *   cookies, classified
 *
 * Replaces the cookies with copies of @records, in the order
 * #LecternPageState:cookies says (see
 * lectern_cookie_records_dup_in_reading_order()).
 */
void
lectern_page_state_set_cookies (LecternPageState *self,
                                GPtrArray        *records)
{
  guint n_violations = 0;
  guint n_old;

  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  n_old = self->cookies->len;
  g_ptr_array_unref (self->cookies);
  self->cookies = lectern_cookie_records_dup_in_reading_order (records, &n_violations);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COOKIES]);
  if (n_old != self->cookies->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COOKIES]);
  if (self->n_violations != n_violations)
    {
      self->n_violations = n_violations;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VIOLATIONS]);
    }
  update_violations (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lectern_page_state_get_cookies:
 * @self: a #LecternPageState
 *
 * Returns: (transfer none) (element-type LecternCookieRecord): the site's
 *   cookies as last set
 */
GPtrArray *
lectern_page_state_get_cookies (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return self->cookies;
}

guint
lectern_page_state_get_n_violations (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), 0);

  return self->n_violations;
}

/**
 * lectern_page_state_set_cmp_outcome:
 * @self: a #LecternPageState
 * @outcome: (nullable): the page's consent tool, what Lectern did with it
 *   and what it recorded; %NULL when the page has none (yet)
 *
 * A later outcome replaces an earlier one: consent tools load late and
 * change what they hold as Lectern answers them. An outcome named "tcf"
 * is what the page's TCF tool holds, read from its TC string: a TCF tool's
 * banner may be answered by autoconsent, whose outcome records nothing,
 * so the two make one outcome whichever came first (see
 * lectern_cmp_outcome_add_tc_string()).
 */
void
lectern_page_state_set_cmp_outcome (LecternPageState        *self,
                                    const LecternCmpOutcome *outcome)
{
  g_autoptr(LecternCmpOutcome) merged = NULL;

  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  if (outcome != NULL && g_str_equal (outcome->name, "tcf"))
    {
      g_clear_pointer (&self->tcf_read, lectern_cmp_outcome_free);
      self->tcf_read = lectern_cmp_outcome_copy (outcome);
      outcome = self->cmp_outcome;
    }

  if (self->tcf_read != NULL)
    merged = lectern_cmp_outcome_add_tc_string (outcome, self->tcf_read);
  if (merged != NULL)
    outcome = merged;

  if (lectern_cmp_outcome_equal (self->cmp_outcome, outcome))
    return;

  g_clear_pointer (&self->cmp_outcome, lectern_cmp_outcome_free);
  if (outcome != NULL)
    self->cmp_outcome = lectern_cmp_outcome_copy (outcome);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CMP_OUTCOME]);
  update_violations (self);
}

/**
 * lectern_page_state_get_cmp_outcome:
 * @self: a #LecternPageState
 *
 * Returns: (transfer none) (nullable): the page's consent tool as last
 *   set, %NULL when none was found
 */
const LecternCmpOutcome *
lectern_page_state_get_cmp_outcome (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return self->cmp_outcome;
}

gboolean
lectern_page_state_get_cmp_searching (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), FALSE);

  return self->cmp_searching;
}

/**
 * lectern_page_state_set_cmp_searching:
 * @self: a #LecternPageState
 * @searching: whether the page's consent tool is still being looked for
 */
void
lectern_page_state_set_cmp_searching (LecternPageState *self,
                                      gboolean          searching)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  searching = !!searching;
  if (self->cmp_searching == searching)
    return;

  self->cmp_searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CMP_SEARCHING]);
}

/* Sets @flag, which is never unset, notifying @prop_id the first time. */
static void
set_for_good (LecternPageState *self,
              gboolean         *flag,
              guint             prop_id)
{
  if (*flag)
    return;

  *flag = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
lectern_page_state_get_protected (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), FALSE);

  return self->protected;
}

/**
 * lectern_page_state_set_protected:
 * @self: a #LecternPageState
 *
 * Records that Lectern's web process extension spoke for the page. A page
 * stays protected once it was: its requests were decided.
 */
void
lectern_page_state_set_protected (LecternPageState *self)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  set_for_good (self, &self->protected, PROP_PROTECTED);
}

gboolean
lectern_page_state_get_loaded (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), FALSE);

  return self->loaded;
}

/**
 * lectern_page_state_set_loaded:
 * @self: a #LecternPageState
 *
 * Records that the page finished loading: from then on, a page that is
 * not #LecternPageState:protected is known not to be.
 */
void
lectern_page_state_set_loaded (LecternPageState *self)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));

  set_for_good (self, &self->loaded, PROP_LOADED);
}

/**
 * lectern_page_state_add_cookie_evidence:
 * @self: a #LecternPageState
 * @evidence: a cookie write seen on the page: a Set-Cookie response or a
 *   script's document.cookie
 *
 * Keeps a copy, as evidence for the violations of the page.
 */
void
lectern_page_state_add_cookie_evidence (LecternPageState            *self,
                                        const LecternCookieEvidence *evidence)
{
  g_return_if_fail (LECTERN_IS_PAGE_STATE (self));
  g_return_if_fail (evidence != NULL);

  if (!lectern_cookie_evidence_add_once (self->evidence, evidence))
    return;

  /* A response that may have set cookies counts no violation of its own:
   * the next change of the cookies joins it, and a page has many. */
  if (evidence->name != NULL || evidence->too_long || evidence->n_dropped > 0)
    update_violations (self);
}

/* Recomputes the page's violations, with their evidence, from the
 * cookies, the cookie writes caught, the consent tool and the choices:
 * the same join the report makes, so the badge and the report agree. */
static void
update_violations (LecternPageState *self)
{
  g_autoptr(GPtrArray) violations = NULL;
  guint n_old;

  violations = lectern_violation_collect (self->cookies, self->evidence, self->cmp_outcome,
                                          self->choices, self->url);

  n_old = self->violations->len;
  g_ptr_array_unref (self->violations);
  self->violations = g_steal_pointer (&violations);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIOLATIONS]);
  if (n_old != self->violations->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ALL_VIOLATIONS]);
}

/**
 * lectern_page_state_get_violations:
 * @self: a #LecternPageState
 *
 * Returns: (transfer none) (element-type LecternViolation): every
 *   violation of the page, cookies first, each with its evidence
 */
GPtrArray *
lectern_page_state_get_violations (LecternPageState *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  return self->violations;
}

/**
 * lectern_page_state_build_report:
 * @self: a #LecternPageState
 *
 * The report of the page as it stands: every request and every cookie.
 *
 * Returns: (transfer full): a new #LecternPageReport
 */
LecternPageReport *
lectern_page_state_build_report (LecternPageState *self)
{
  LecternPageReport *report;

  g_return_val_if_fail (LECTERN_IS_PAGE_STATE (self), NULL);

  report = lectern_page_report_new (self->url != NULL ? self->url : "");

  if (self->title != NULL)
    lectern_page_report_set_title (report, self->title);

  if (self->choices != NULL)
    lectern_page_report_set_choices (report, self->choices);

  lectern_page_report_set_cmp (report, self->cmp_outcome);

  for (guint i = 0; i < self->evidence->len; i++)
    lectern_page_report_add_evidence (report, g_ptr_array_index (self->evidence, i));

  for (guint i = 0; i < lectern_page_state_get_requests (self)->len; i++)
    lectern_page_report_add_request (report, g_ptr_array_index (lectern_page_state_get_requests (self), i));

  for (guint i = 0; i < self->cookies->len; i++)
    lectern_page_report_take_cookie (report, lectern_cookie_record_copy (g_ptr_array_index (self->cookies, i)));

  return report;
}
