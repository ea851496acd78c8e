/* lectern-cmp-agent.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-agent.h"

#include "lectern-cmp-tool.h"
#include "lectern-ipc.h"
#include "lectern-party.h"

/**
 * LecternCmpAgent:
 *
 * Answers a page's consent tool with the site's choices and reads back
 * what the tool recorded, in the web process. Each tool (OneTrust,
 * Cookiebot, IAB TCF v2) is a #LecternCmpTool in a file of its own; the
 * agent follows each page's documents, calls the tools' hooks, probes the
 * document on a schedule and sends what the first tool found.
 *
 * Everything runs on the page's own script world through the JavaScript
 * API, never through a message handler: a page can lie in what its tool
 * holds, but it cannot make up a message from Lectern. What was found goes
 * to the view as one LecternCmpOutcome each time it changes.
 */

/* In the order they are probed: OneTrust and Cookiebot carry a TCF API of
 * their own, and speak for themselves before it. */
static const LecternCmpTool * const tools[] = {
  &lectern_cmp_onetrust,
  &lectern_cmp_cookiebot,
  &lectern_cmp_tcf,
};

#define N_TOOLS G_N_ELEMENTS (tools)

/* Consent tools load late: look for them when the document has loaded,
 * then a few times more, in milliseconds after that. */
static const guint probe_delays_ms[] = { 0, 300, 800, 1500, 2500, 4000 };

/* After them, a banner left alone is looked at this often until the
 * reader answers it, so that the answer is seen at once. */
#define WATCH_INTERVAL_MS 500

/* Cut the tool's own words to this many characters in the outcome. */
#define MAX_DETAIL_CHARS 300

struct _LecternCmpAgent
{
  GObject         parent_instance;

  /* Borrowed */
  LecternBlocker *blocker;

  /* Owned */
  /* What each tool keeps across pages, in the order of tools[] */
  gpointer        tool_data[N_TOOLS];
};

G_DEFINE_FINAL_TYPE (LecternCmpAgent, lectern_cmp_agent, G_TYPE_OBJECT)

/* What the agent knows of the document in a page's main frame. */
struct _LecternCmpPage
{
  gatomicrefcount    ref_count;
  LecternCmpAgent   *agent;
  GWeakRef           page;
  /* The page's main frame, as the document's window was made */
  GWeakRef           main_frame;

  /* Each document gets a new number, so that late timers and callbacks of
   * the document before do nothing. */
  guint              generation;
  char              *uri;
  guint              probe_source;
  guint              n_probes;

  GDateTime         *applied;
  LecternCmpOutcome *last_sent;

  /* What may still be read of the document's objects; once a tool
   * exceeded it, the outcome that says so, and nothing more is read */
  LecternCmpBudget   budget;
  LecternCmpOutcome *failure;

  /* Each tool's state for the document, in the order of tools[] */
  gpointer           tool_states[N_TOOLS];
};

/* Gives each tool a fresh state for a new document (or the first). */
static void
reset_tool_states (LecternCmpPage *self)
{
  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (self->tool_states[i] != NULL)
        tools[i]->state_free (self->tool_states[i]);
      self->tool_states[i] = tools[i]->state_new != NULL ? tools[i]->state_new (self->agent->tool_data[i]) : NULL;
    }
}

static LecternCmpPage *
page_ref (LecternCmpPage *self)
{
  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

static void
page_unref (LecternCmpPage *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_handle_id (&self->probe_source, g_source_remove);
  g_weak_ref_clear (&self->page);
  g_weak_ref_clear (&self->main_frame);
  g_free (self->uri);
  g_clear_pointer (&self->applied, g_date_time_unref);
  g_clear_pointer (&self->last_sent, lectern_cmp_outcome_free);
  g_clear_pointer (&self->failure, lectern_cmp_outcome_free);
  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (self->tool_states[i] != NULL)
        tools[i]->state_free (self->tool_states[i]);
    }
  g_free (self);
}

#define PAGE_STATE_KEY "lectern-cmp-agent-state"

static LecternCmpPage *
get_page_state (WebKitWebPage *page)
{
  return g_object_get_data (G_OBJECT (page), PAGE_STATE_KEY);
}

/**
 * lectern_cmp_page_get_uri:
 * @self: a page
 *
 * Returns: (nullable): the address of the page's document
 */
const char *
lectern_cmp_page_get_uri (LecternCmpPage *self)
{
  return self->uri;
}

/**
 * lectern_cmp_page_get_choices:
 * @self: a page
 *
 * Returns: (nullable): the choices for the document's site
 */
const LecternSiteChoices *
lectern_cmp_page_get_choices (LecternCmpPage *self)
{
  g_autofree char *site = self->uri != NULL ? lectern_party_dup_site_for_uri (self->uri) : NULL;

  return lectern_blocker_get_choices (self->agent->blocker, site);
}

/**
 * lectern_cmp_page_get_state:
 * @self: a page
 * @tool: one of the agent's tools
 *
 * Returns: (nullable): @tool's state for the page's document, as its
 *   state_new() made it
 */
gpointer
lectern_cmp_page_get_state (LecternCmpPage       *self,
                            const LecternCmpTool *tool)
{
  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (tools[i] == tool)
        return self->tool_states[i];
    }

  g_assert_not_reached ();
  return NULL;
}

/**
 * lectern_cmp_page_dup_web_page:
 * @self: a page
 *
 * Returns: (transfer full) (nullable): the page, while it exists
 */
WebKitWebPage *
lectern_cmp_page_dup_web_page (LecternCmpPage *self)
{
  return g_weak_ref_get (&self->page);
}

/**
 * lectern_cmp_page_dup_main_context:
 * @self: a page
 *
 * Returns: (transfer full) (nullable): the main frame's context in the
 *   page's own script world
 */
JSCContext *
lectern_cmp_page_dup_main_context (LecternCmpPage *self)
{
  g_autoptr(WebKitFrame) frame = g_weak_ref_get (&self->main_frame);

  if (frame == NULL)
    return NULL;

  return webkit_frame_get_js_context (frame);
}

/**
 * lectern_cmp_page_get_applied:
 * @self: a page
 *
 * Returns: (nullable): when a tool last applied the choices in the
 *   document
 */
GDateTime *
lectern_cmp_page_get_applied (LecternCmpPage *self)
{
  return self->applied;
}

/**
 * lectern_cmp_page_mark_applied:
 * @self: a page
 *
 * Records that a tool applied the choices in the document, now.
 */
void
lectern_cmp_page_mark_applied (LecternCmpPage *self)
{
  g_clear_pointer (&self->applied, g_date_time_unref);
  self->applied = g_date_time_new_now_utc ();
}

/**
 * lectern_cmp_page_get_budget:
 * @self: a page
 *
 * Returns: what may still be read of the document's objects; the agent
 *   gives it its time before each probe
 */
LecternCmpBudget *
lectern_cmp_page_get_budget (LecternCmpPage *self)
{
  return &self->budget;
}

/**
 * lectern_cmp_page_fail:
 * @self: a page
 * @tool: the tool whose reading exceeded the page's budget
 *
 * From now on, the document's consent tool is @tool, which failed:
 * nothing more is read of it, nor of any other tool of the document.
 *
 * Returns: (transfer none): the outcome that says so
 */
const LecternCmpOutcome *
lectern_cmp_page_fail (LecternCmpPage       *self,
                       const LecternCmpTool *tool)
{
  g_autofree char *detail = NULL;

  if (self->failure != NULL)
    return self->failure;

  lectern_cmp_budget_exceed (&self->budget, "it could not be read");
  detail = g_strdup_printf ("Not a consent tool Lectern can trust: %s; nothing more is read of it",
                            self->budget.exceeded);
  self->failure = lectern_cmp_outcome_new (tool->name, "failed");
  self->failure->detail = lectern_cmp_dup_detail (detail);
  g_clear_handle_id (&self->probe_source, g_source_remove);
  g_debug ("The %s consent tool of %s was given up: %s", tool->name, self->uri, self->budget.exceeded);

  return self->failure;
}

/**
 * lectern_cmp_page_has_failed:
 * @self: a page
 *
 * Returns: whether a tool of the document failed (see
 *   lectern_cmp_page_fail()): nothing more is read
 */
gboolean
lectern_cmp_page_has_failed (LecternCmpPage *self)
{
  return self->failure != NULL;
}

/**
 * lectern_cmp_page_get_last_sent:
 * @self: a page
 *
 * Returns: (nullable): the outcome last sent to the view for the document
 */
const LecternCmpOutcome *
lectern_cmp_page_get_last_sent (LecternCmpPage *self)
{
  return self->last_sent;
}

/**
 * lectern_cmp_page_send_outcome:
 * @self: a page
 * @web_page: the page, as lectern_cmp_page_dup_web_page() gave it
 * @outcome: what a tool found
 *
 * Sends @outcome to the view, unless it is what was last sent.
 */
void
lectern_cmp_page_send_outcome (LecternCmpPage          *self,
                               WebKitWebPage           *web_page,
                               const LecternCmpOutcome *outcome)
{
  if (lectern_cmp_outcome_equal (self->last_sent, outcome))
    return;

  g_clear_pointer (&self->last_sent, lectern_cmp_outcome_free);
  self->last_sent = lectern_cmp_outcome_copy (outcome);

  webkit_web_page_send_message_to_view (web_page,
                                        webkit_user_message_new (LECTERN_IPC_CMP_OUTCOME,
                                                                 g_variant_new ("(s@" LECTERN_CMP_OUTCOME_VARIANT_TYPE ")",
                                                                                self->uri,
                                                                                lectern_cmp_outcome_to_variant (outcome))),
                                        NULL, NULL, NULL);
}

struct _LecternCmpDocumentRef
{
  LecternCmpPage *page;
  guint           generation;
};

/**
 * lectern_cmp_document_ref_new:
 * @page: a page
 *
 * Returns: (transfer full): a hold on @page for its present document
 */
LecternCmpDocumentRef *
lectern_cmp_document_ref_new (LecternCmpPage *page)
{
  LecternCmpDocumentRef *self = g_new0 (LecternCmpDocumentRef, 1);

  self->page = page_ref (page);
  self->generation = page->generation;

  return self;
}

void
lectern_cmp_document_ref_free (LecternCmpDocumentRef *self)
{
  page_unref (self->page);
  g_free (self);
}

/**
 * lectern_cmp_document_ref_get_page:
 * @self: a hold on a page
 *
 * Returns: the page, whatever document it shows now
 */
LecternCmpPage *
lectern_cmp_document_ref_get_page (LecternCmpDocumentRef *self)
{
  return self->page;
}

/**
 * lectern_cmp_document_ref_dup_web_page:
 * @self: a hold on a page
 *
 * Returns: (transfer full) (nullable): the page, if it still shows the
 *   document @self was made for
 */
WebKitWebPage *
lectern_cmp_document_ref_dup_web_page (LecternCmpDocumentRef *self)
{
  if (self->generation != self->page->generation)
    return NULL;

  return g_weak_ref_get (&self->page->page);
}

/**
 * lectern_cmp_leaves_banner_alone:
 * @choices: (nullable): a site's choices
 *
 * The reader's per-site "leave the banner alone": then Lectern tells the
 * tool nothing and only reads back what it holds.
 *
 * Returns: whether @choices ask to leave the site's banner alone
 */
gboolean
lectern_cmp_leaves_banner_alone (const LecternSiteChoices *choices)
{
  return choices != NULL && lectern_site_choices_get_leave_banner (choices);
}

/**
 * lectern_cmp_dup_detail:
 * @text: a tool's own words
 *
 * Returns: (transfer full): @text, cut to what an outcome's detail holds
 */
char *
lectern_cmp_dup_detail (const char *text)
{
  if (g_utf8_strlen (text, -1) <= MAX_DETAIL_CHARS)
    return g_strdup (text);

  return g_utf8_substring (text, 0, MAX_DETAIL_CHARS);
}

static gboolean
is_web_document (const char *uri)
{
  return uri != NULL && (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"));
}

/* Returns: (transfer full) (nullable): what the first tool found in the
 * document says, or at the last probe what a tool can still say */
static LecternCmpOutcome *
probe_tools (LecternCmpPage *self,
             JSCContext     *context)
{
  lectern_cmp_budget_start (&self->budget);

  for (guint i = 0; i < N_TOOLS; i++)
    {
      LecternCmpOutcome *outcome = tools[i]->probe (self, self->tool_states[i], context);

      /* A tool that holds too much, or takes too long, to read is not
       * what it pretends to be, and not read again. */
      if (self->budget.exceeded != NULL || self->failure != NULL)
        {
          g_clear_pointer (&outcome, lectern_cmp_outcome_free);
          return lectern_cmp_outcome_copy (lectern_cmp_page_fail (self, tools[i]));
        }

      if (outcome != NULL)
        return outcome;
    }

  if (self->n_probes != G_N_ELEMENTS (probe_delays_ms))
    return NULL;

  for (guint i = 0; i < N_TOOLS; i++)
    {
      LecternCmpOutcome *outcome = NULL;

      if (tools[i]->last_probe != NULL)
        outcome = tools[i]->last_probe (self, self->tool_states[i], context);

      if (self->budget.exceeded != NULL || self->failure != NULL)
        {
          g_clear_pointer (&outcome, lectern_cmp_outcome_free);
          return lectern_cmp_outcome_copy (lectern_cmp_page_fail (self, tools[i]));
        }

      if (outcome != NULL)
        return outcome;
    }

  return NULL;
}

static void
schedule_probe (LecternCmpPage *self);

static gboolean
probe_cb (gpointer user_data)
{
  LecternCmpDocumentRef *ref = user_data;
  LecternCmpPage *self = ref->page;
  g_autoptr(WebKitWebPage) page = lectern_cmp_document_ref_dup_web_page (ref);
  g_autoptr(JSCContext) context = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;

  self->probe_source = 0;
  if (page == NULL || self->failure != NULL)
    return G_SOURCE_REMOVE;

  self->n_probes++;
  context = lectern_cmp_page_dup_main_context (self);
  if (context == NULL)
    {
      /* No document to look in at this moment: the later probes may find
       * one, and the tool with it. */
      schedule_probe (self);
      return G_SOURCE_REMOVE;
    }

  outcome = probe_tools (self, context);
  if (outcome != NULL)
    lectern_cmp_page_send_outcome (self, page, outcome);

  schedule_probe (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_probe (LecternCmpPage *self)
{
  guint delay;

  g_clear_handle_id (&self->probe_source, g_source_remove);
  if (self->failure != NULL)
    return;
  else if (self->n_probes < G_N_ELEMENTS (probe_delays_ms))
    {
      delay = probe_delays_ms[self->n_probes];
      if (self->n_probes > 0)
        delay -= probe_delays_ms[self->n_probes - 1];
    }
  else if (self->last_sent != NULL && self->last_sent->awaiting)
    delay = WATCH_INTERVAL_MS;
  else
    return;

  self->probe_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay, probe_cb,
                                           lectern_cmp_document_ref_new (self),
                                           (GDestroyNotify) lectern_cmp_document_ref_free);
}

static void
document_loaded_cb (WebKitWebPage   *page,
                    LecternCmpAgent *self)
{
  LecternCmpPage *state = get_page_state (page);

  if (state == NULL || !is_web_document (state->uri))
    return;

  state->n_probes = 0;
  schedule_probe (state);
}

static gboolean
send_request_cb (WebKitWebPage     *page,
                 WebKitURIRequest  *request,
                 WebKitURIResponse *redirected_response,
                 LecternCmpAgent   *self)
{
  LecternCmpPage *state = get_page_state (page);
  const char *uri = webkit_uri_request_get_uri (request);

  if (state == NULL || !is_web_document (state->uri) || uri == NULL)
    return FALSE;

  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (tools[i]->request_sent != NULL)
        tools[i]->request_sent (state, state->tool_states[i], uri);
    }

  return FALSE;
}

static gboolean
user_message_received_cb (WebKitWebPage     *page,
                          WebKitUserMessage *message,
                          LecternCmpAgent   *self)
{
  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (tools[i]->message_received != NULL && tools[i]->message_received (self->tool_data[i], message))
        return TRUE;
    }

  return FALSE;
}

static void
window_object_cleared_cb (WebKitScriptWorld *world,
                          WebKitWebPage     *page,
                          WebKitFrame       *frame,
                          LecternCmpAgent   *self)
{
  LecternCmpPage *state = get_page_state (page);

  if (state == NULL || !webkit_frame_is_main_frame (frame))
    return;

  /* A new document in the page: start over. */
  state->generation++;
  g_clear_handle_id (&state->probe_source, g_source_remove);
  g_free (state->uri);
  state->uri = g_strdup (webkit_web_page_get_uri (page));
  g_weak_ref_set (&state->main_frame, frame);
  state->n_probes = 0;
  g_clear_pointer (&state->applied, g_date_time_unref);
  g_clear_pointer (&state->last_sent, lectern_cmp_outcome_free);
  g_clear_pointer (&state->failure, lectern_cmp_outcome_free);
  state->budget.exceeded = NULL;
  reset_tool_states (state);

  if (!is_web_document (state->uri))
    return;

  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (tools[i]->document_started != NULL)
        tools[i]->document_started (state, state->tool_states[i], frame, world);
    }
}

/**
 * lectern_cmp_agent_watch_page:
 * @self: an agent
 * @page: a new page of the web process
 *
 * Answers the consent tools of every document @page shows.
 */
void
lectern_cmp_agent_watch_page (LecternCmpAgent *self,
                              WebKitWebPage   *page)
{
  LecternCmpPage *state;

  g_return_if_fail (LECTERN_IS_CMP_AGENT (self));
  g_return_if_fail (WEBKIT_IS_WEB_PAGE (page));

  state = g_new0 (LecternCmpPage, 1);
  g_atomic_ref_count_init (&state->ref_count);
  state->agent = self;
  g_weak_ref_init (&state->page, page);
  g_weak_ref_init (&state->main_frame, NULL);
  reset_tool_states (state);
  g_object_set_data_full (G_OBJECT (page), PAGE_STATE_KEY, state, (GDestroyNotify) page_unref);

  g_signal_connect_object (page, "document-loaded", G_CALLBACK (document_loaded_cb), self, 0);
  g_signal_connect_object (page, "send-request", G_CALLBACK (send_request_cb), self, 0);
  g_signal_connect_object (page, "user-message-received", G_CALLBACK (user_message_received_cb), self, 0);
}

/**
 * lectern_cmp_agent_new:
 * @blocker: the extension's blocker, which holds every site's choices and
 *   outlives the agent
 *
 * Returns: (transfer full): a new agent, watching the default script
 *   world of every page
 */
LecternCmpAgent *
lectern_cmp_agent_new (LecternBlocker *blocker)
{
  LecternCmpAgent *self;

  g_return_val_if_fail (blocker != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_CMP_AGENT, NULL);
  self->blocker = blocker;

  g_signal_connect_object (webkit_script_world_get_default (), "window-object-cleared",
                           G_CALLBACK (window_object_cleared_cb), self, 0);

  return self;
}

static void
lectern_cmp_agent_finalize (GObject *object)
{
  LecternCmpAgent *self = LECTERN_CMP_AGENT (object);

  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (tools[i]->data_free != NULL)
        g_clear_pointer (&self->tool_data[i], tools[i]->data_free);
    }

  G_OBJECT_CLASS (lectern_cmp_agent_parent_class)->finalize (object);
}

static void
lectern_cmp_agent_class_init (LecternCmpAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_cmp_agent_finalize;
}

static void
lectern_cmp_agent_init (LecternCmpAgent *self)
{
  for (guint i = 0; i < N_TOOLS; i++)
    {
      if (tools[i]->data_new != NULL)
        self->tool_data[i] = tools[i]->data_new ();
    }
}
