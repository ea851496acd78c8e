/* lectern-autoconsent.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-autoconsent.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lectern-autoconsent-messages.h"
#include "lectern-autoconsent-rules.h"
#include "lectern-ipc.h"

/* DuckDuckGo's autoconsent answers the consent tools Lectern does not
 * handle itself. Its content script (the build meant for embedding, with
 * its code-based rules built in) runs in an isolated script world of every
 * frame, named by a GUID drawn once per run; its JSON rules, its
 * configuration and its requests to run code in the page all come from
 * here, as replies to the messages it posts to a handler registered for
 * that world alone. Page scripts share the DOM with it but can neither see
 * the handler nor the functions it calls.
 *
 * The web process runs the page and is treated as hostile all the same:
 * every message is checked, and the only code run in the page's own world
 * is one of autoconsent's own snippets, checked byte for byte against the
 * copy of the bundle in the resources. */

#define BUNDLE_RESOURCE  "/org/lectern/Lectern/js/autoconsent.playwright.js"
#define GLUE_RESOURCE    "/org/lectern/Lectern/js/lectern-autoconsent.js"
#define RULES_RESOURCE   "/org/lectern/Lectern/js/autoconsent-rules.json"
#define SNIPPET_SOURCE_URI "resource:///org/lectern/Lectern/js/autoconsent.playwright.js"

/* How long autoconsent looks for a detected tool's banner before it gives
 * up without a word: eleven looks, half a second apart (waitForPopup in
 * the bundle), and a second more for the messages on their way. */
#define POPUP_WAIT_MS 6000

struct _LecternAutoconsent
{
  GObject             parent_instance;

  /* Borrowed: weak pointers, the view owns this object */
  WebKitWebView            *web_view;

  /* Owned */
  LecternPageState         *page;
  WebKitUserContentManager *manager;
  GCancellable             *cancellable;
  LecternCmpOutcome        *outcome;
  char                     *detected;
  guint                     popup_wait_source;
  gboolean                  popup_found;
  gboolean                  self_test_scheduled;
  gboolean                  committed;
};

G_DEFINE_FINAL_TYPE (LecternAutoconsent, lectern_autoconsent, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WEB_VIEW,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GBytes *
lookup_resource (const char *path)
{
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Compiled into the program: missing means a broken build. */
  g_assert (bytes != NULL);

  return bytes;
}

/* The glue first, so that the bundle finds its send function. */
static const char *
get_user_script_source (void)
{
  static gsize initialized = 0;
  static char *source = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) glue = lookup_resource (GLUE_RESOURCE);
      g_autoptr(GBytes) bundle = lookup_resource (BUNDLE_RESOURCE);
      GString *str = g_string_new (NULL);

      g_string_append_len (str, g_bytes_get_data (glue, NULL), g_bytes_get_size (glue));
      g_string_append (str, "\n;\n");
      g_string_append_len (str, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
      source = g_string_free (str, FALSE);
      g_once_init_leave (&initialized, 1);
    }

  return source;
}

/* The rules and snippets of the copies in the resources, read once for
 * every view. A part that cannot be read leaves autoconsent the rest: its
 * code-based rules without the JSON ones, or no snippet run at all. */
static LecternAutoconsentRules *
get_rules (void)
{
  static gsize initialized = 0;
  static LecternAutoconsentRules *rules = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) json = lookup_resource (RULES_RESOURCE);
      g_autoptr(GBytes) bundle = lookup_resource (BUNDLE_RESOURCE);
      g_autoptr(GError) json_error = NULL;
      g_autoptr(GError) bundle_error = NULL;

      rules = lectern_autoconsent_rules_new ();
      if (!lectern_autoconsent_rules_load_json (rules, json, &json_error))
        g_warning ("%s", json_error->message);
      if (!lectern_autoconsent_rules_load_bundle (rules, bundle, &bundle_error))
        g_warning ("%s: its eval requests will be refused", bundle_error->message);
      g_once_init_leave (&initialized, 1);
    }

  return rules;
}

static void
reply_json (WebKitScriptMessageReply *reply,
            JSCContext               *context,
            const char               *json)
{
  g_autoptr(JSCValue) value = jsc_value_new_string (context, json);

  webkit_script_message_reply_return_value (reply, value);
}

typedef struct
{
  WebKitScriptMessageReply *reply;
  JSCContext               *context;
  char                     *id;
} EvalData;

static void
eval_data_free (EvalData *data)
{
  webkit_script_message_reply_unref (data->reply);
  g_object_unref (data->context);
  g_free (data->id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EvalData, eval_data_free)

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(EvalData) data = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *reply = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  /* A snippet that throws (the tool's API is not there) answers "no",
   * as autoconsent's own extension does. */
  if (value != NULL && !jsc_value_is_undefined (value))
    json = jsc_value_to_json (value, 0);

  reply = lectern_autoconsent_dup_eval_reply (data->id, json);
  reply_json (data->reply, data->context, reply);
}

/* The web process ran a snippet in a subframe (LecternFrameEval). */
static void
frame_eval_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EvalData) data = user_data;
  g_autoptr(WebKitUserMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  GVariant *parameters;
  gboolean ran = FALSE;
  const char *json = NULL;

  message = webkit_web_view_send_message_to_page_finish (WEBKIT_WEB_VIEW (object), result, &error);
  parameters = message != NULL ? webkit_user_message_get_parameters (message) : NULL;

  if (parameters != NULL &&
      g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_AUTOCONSENT_EVAL_REPLY_TYPE)))
    g_variant_get (parameters, "(b&s)", &ran, &json);

  reply = lectern_autoconsent_dup_eval_reply (data->id, ran ? json : NULL);
  reply_json (data->reply, data->context, reply);
}

static void
handle_eval (LecternAutoconsent       *self,
             JsonObject               *message,
             gboolean                  top,
             const char               *frame_url,
             WebKitScriptMessageReply *reply,
             JSCContext               *context)
{
  const char *id = lectern_autoconsent_message_get_string (message, "id");
  const char *snippet_id = lectern_autoconsent_message_get_string (message, "snippetId");
  const char *code = lectern_autoconsent_message_get_string (message, "code");
  g_autofree char *answer = NULL;
  EvalData *data;

  if (id == NULL)
    return;

  /* Only autoconsent's own snippets ever run in the page's world. */
  if (!lectern_autoconsent_rules_is_own_snippet (get_rules (), snippet_id, code) || (!top && frame_url == NULL))
    {
      g_debug ("Refused to run code that is not one of autoconsent's snippets (%s)",
               snippet_id != NULL ? snippet_id : "no id");
      answer = lectern_autoconsent_dup_eval_reply (id, NULL);
      reply_json (reply, context, answer);
      return;
    }

  data = g_new0 (EvalData, 1);
  data->reply = webkit_script_message_reply_ref (reply);
  data->context = g_object_ref (context);
  data->id = g_strdup (id);

  /* A view runs code in its main frame alone: a subframe's snippet is run
   * by the web process, in the frame at the address the request came
   * from. The code is the snippet checked above, whatever the frame. */
  if (!top)
    {
      const char *view_uri = webkit_web_view_get_uri (self->web_view);

      webkit_web_view_send_message_to_page (self->web_view,
                                            webkit_user_message_new (LECTERN_IPC_AUTOCONSENT_EVAL,
                                                                     g_variant_new ("(sss)", view_uri != NULL ? view_uri : "",
                                                                                    frame_url, code)),
                                            self->cancellable, frame_eval_cb, data);
      return;
    }

  webkit_web_view_evaluate_javascript (self->web_view, code, -1, NULL, SNIPPET_SOURCE_URI,
                                      self->cancellable, eval_cb, data);
}

static void
set_outcome (LecternAutoconsent *self,
             const char         *cmp,
             const char         *action,
             char               *detail)
{
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new (cmp, action);

  outcome->detail = detail;
  /* Leaving a banner alone applies nothing, and neither does finding the
   * answer of an earlier visit in place. */
  if (!g_str_equal (action, "left-alone") && !g_str_equal (action, "already-answered"))
    outcome->applied = g_date_time_new_now_utc ();

  g_clear_pointer (&self->outcome, lectern_cmp_outcome_free);
  self->outcome = lectern_cmp_outcome_copy (outcome);

  if (self->page != NULL)
    lectern_page_state_set_cmp_outcome (self->page, outcome);
}

static void
handle_result (LecternAutoconsent *self,
               JsonObject         *message,
               gboolean            opt_in)
{
  const char *cmp = lectern_autoconsent_message_get_cmp (message);
  gboolean result = lectern_autoconsent_message_get_boolean (message, "result", FALSE);

  if (cmp == NULL || g_str_equal (cmp, "none"))
    return;

  self->self_test_scheduled = result && lectern_autoconsent_message_get_boolean (message, "scheduleSelfTest", FALSE);

  if (!result)
    {
      set_outcome (self, cmp, "failed",
                   /* Translators: %s is a consent tool's name, e.g. “cookieyes” */
                   g_strdup_printf (opt_in ? _("Could not accept in the banner of %s")
                                           : _("Could not refuse in the banner of %s"), cmp));
      return;
    }

  set_outcome (self, cmp, opt_in ? "opt-in" : "opt-out",
               /* Translators: %s is a consent tool's name, e.g. “cookieyes” */
               g_strdup_printf (opt_in ? _("Accepted everything in the banner of %s, as every category is on")
                                       : _("Refused everything but the strictly necessary in the banner of %s"), cmp));
}

/* Returns the reply for autoconsentDone: a self-test when the rule has
 * one, so that the tool's own state confirms the answer. */
static char *
handle_done (LecternAutoconsent *self,
             JsonObject         *message)
{
  const char *cmp = lectern_autoconsent_message_get_cmp (message);
  gboolean scheduled = self->self_test_scheduled;

  self->self_test_scheduled = FALSE;

  if (cmp == NULL || self->outcome == NULL || !g_str_equal (self->outcome->name, cmp))
    return NULL;

  /* A cosmetic rule only hides the banner: the tool got no answer. */
  if (lectern_autoconsent_message_get_boolean (message, "isCosmetic", FALSE))
    {
      set_outcome (self, cmp, "banner-hidden",
                   /* Translators: %s is a consent tool's name */
                   g_strdup_printf (_("Hid the banner of %s; the site was given no answer"), cmp));
      return NULL;
    }

  return scheduled ? g_strdup ("{\"type\":\"selfTest\"}") : NULL;
}

static void
handle_self_test (LecternAutoconsent *self,
                  JsonObject         *message)
{
  const char *cmp = lectern_autoconsent_message_get_cmp (message);
  g_autofree char *detail = NULL;

  if (cmp == NULL || self->outcome == NULL || !g_str_equal (self->outcome->name, cmp) ||
      self->outcome->detail == NULL)
    return;

  detail = g_strdup_printf ("%s. %s", self->outcome->detail,
                            lectern_autoconsent_message_get_boolean (message, "result", FALSE)
                            ? _("The site’s tool confirms it.")
                            : _("The site’s tool does not show it."));
  set_outcome (self, self->outcome->name, self->outcome->action, g_steal_pointer (&detail));
}

static void
stop_popup_wait (LecternAutoconsent *self)
{
  g_clear_handle_id (&self->popup_wait_source, g_source_remove);
}

/* Autoconsent found the tool but never its banner, and says nothing more:
 * on a second visit the site already holds an answer and shows no banner.
 * The reader still learns which tool the site uses. */
static gboolean
popup_wait_cb (gpointer user_data)
{
  LecternAutoconsent *self = user_data;

  self->popup_wait_source = 0;

  if (self->page == NULL || self->detected == NULL || self->popup_found || self->outcome != NULL)
    return G_SOURCE_REMOVE;

  set_outcome (self, self->detected, "already-answered",
               /* Translators: %s is a consent tool's name, e.g. “cookieyes” */
               g_strdup_printf (_("%s showed no banner: the site already holds an answer from an earlier visit"),
                                self->detected));

  return G_SOURCE_REMOVE;
}

static gboolean
is_leaving_alone (LecternAutoconsent *self)
{
  const LecternSiteChoices *choices = lectern_page_state_get_choices (self->page);

  return choices != NULL && lectern_site_choices_get_leave_banner (choices);
}

static char *
handle_message (LecternAutoconsent       *self,
                JsonObject               *message,
                gboolean                  top,
                const char               *frame_url,
                WebKitScriptMessageReply *reply,
                JSCContext               *context)
{
  const char *type = lectern_autoconsent_message_get_string (message, "type");
  const char *view_uri = webkit_web_view_get_uri (self->web_view);

  /* Between the start of a load and its commit, the frames still posting
   * belong to the page before: what they say is not the new page's. */
  if (type == NULL || !self->committed)
    return NULL;

  if (g_str_equal (type, "init"))
    {
      const char *url = lectern_autoconsent_message_get_string (message, "url");

      /* The top frame's address is the view's, whatever the message says;
       * a frame's own only picks the rules it may run. */
      if (top || url == NULL)
        url = view_uri;
      if (url == NULL)
        return NULL;

      return lectern_autoconsent_rules_dup_init_reply (get_rules (), lectern_page_state_get_choices (self->page),
                                                       url, top);
    }

  if (g_str_equal (type, "eval"))
    {
      handle_eval (self, message, top, frame_url, reply, context);
      return NULL;
    }

  if (g_str_equal (type, "cmpDetected"))
    {
      const char *cmp = lectern_autoconsent_message_get_cmp (message);

      if (cmp != NULL && self->detected == NULL)
        {
          self->detected = g_strdup (cmp);
          if (!self->popup_found && self->outcome == NULL)
            self->popup_wait_source = g_timeout_add (POPUP_WAIT_MS, popup_wait_cb, self);
        }
    }
  else if (g_str_equal (type, "popupFound"))
    {
      const char *cmp = lectern_autoconsent_message_get_cmp (message);

      if (cmp != NULL)
        {
          self->popup_found = TRUE;
          stop_popup_wait (self);
        }
      if (cmp != NULL && is_leaving_alone (self))
        set_outcome (self, cmp, "left-alone",
                     /* Translators: %s is a consent tool's name */
                     g_strdup_printf (_("The banner of %s was left for you to answer"), cmp));
    }
  else if (g_str_equal (type, "optOutResult"))
    handle_result (self, message, FALSE);
  else if (g_str_equal (type, "optInResult"))
    handle_result (self, message, TRUE);
  else if (g_str_equal (type, "autoconsentDone"))
    return handle_done (self, message);
  else if (g_str_equal (type, "selfTestResult"))
    handle_self_test (self, message);
  else if (g_str_equal (type, "autoconsentError"))
    {
      /* An error after a done answer changes nothing the reader needs. */
      if (self->outcome == NULL && self->detected != NULL)
        set_outcome (self, self->detected, "failed",
                     /* Translators: %s is a consent tool's name */
                     g_strdup_printf (_("Answering the banner of %s stopped with an error"), self->detected));
    }

  return NULL;
}

static gboolean
script_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   WebKitScriptMessageReply *reply,
                   LecternAutoconsent       *self)
{
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *text = NULL;
  g_autofree char *frame_url = NULL;
  g_autofree char *answer = NULL;
  JSCContext *context = jsc_value_get_context (value);
  gboolean top;

  if (self->web_view == NULL || self->page == NULL || !jsc_value_is_string (value))
    return FALSE;

  text = jsc_value_to_string (value);
  message = lectern_autoconsent_message_parse (text, &top, &frame_url);
  if (message == NULL)
    return FALSE;

  /* Without an answer, WebKit resolves the post with undefined; an eval
   * request is answered later, once the page has run the snippet. */
  answer = handle_message (self, message, top, frame_url, reply, context);
  if (answer != NULL)
    reply_json (reply, context, answer);

  return TRUE;
}

static void
load_changed_cb (WebKitWebView      *web_view,
                 WebKitLoadEvent     event,
                 LecternAutoconsent *self)
{
  if (event == WEBKIT_LOAD_COMMITTED)
    self->committed = TRUE;
  if (event != WEBKIT_LOAD_STARTED)
    return;

  /* A new page: what the last one's tool did is no longer on screen, and
   * its snippets must not run in the new one. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&self->detected, g_free);
  stop_popup_wait (self);
  self->popup_found = FALSE;
  self->self_test_scheduled = FALSE;
  self->committed = FALSE;
}

/**
 * lectern_autoconsent_new:
 * @web_view: the view whose pages autoconsent answers for
 *
 * Adds autoconsent to @web_view's user content manager: its script in
 * every frame of every page, and the handler it posts to.
 *
 * Returns: (transfer full): a new #LecternAutoconsent
 */
LecternAutoconsent *
lectern_autoconsent_new (WebKitWebView *web_view)
{
  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), NULL);

  return g_object_new (LECTERN_TYPE_AUTOCONSENT,
                       "web-view", web_view,
                       NULL);
}

/**
 * lectern_autoconsent_set_page:
 * @self: a #LecternAutoconsent
 * @page: (nullable): the page now loading in the view: its choices are
 *   the ones answered, and the outcome goes to it
 */
void
lectern_autoconsent_set_page (LecternAutoconsent *self,
                              LecternPageState   *page)
{
  g_return_if_fail (LECTERN_IS_AUTOCONSENT (self));
  g_return_if_fail (page == NULL || LECTERN_IS_PAGE_STATE (page));

  if (g_set_object (&self->page, page))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * lectern_autoconsent_is_waiting:
 *
 * Autoconsent found a consent tool and is still looking for its banner:
 * the page is not settled until it has either answered the banner or
 * given up on it.
 *
 * Returns: whether autoconsent is still at work on the page on screen
 */
gboolean
lectern_autoconsent_is_waiting (LecternAutoconsent *self)
{
  g_return_val_if_fail (LECTERN_IS_AUTOCONSENT (self), FALSE);

  return self->popup_wait_source != 0;
}

/**
 * lectern_autoconsent_get_outcome:
 *
 * Returns: (nullable): what autoconsent did on the page on screen, %NULL
 *   when it found no consent tool to answer
 */
const LecternCmpOutcome *
lectern_autoconsent_get_outcome (LecternAutoconsent *self)
{
  g_return_val_if_fail (LECTERN_IS_AUTOCONSENT (self), NULL);

  return self->outcome;
}

static void
lectern_autoconsent_constructed (GObject *object)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);
  g_autoptr(WebKitUserScript) script = NULL;
  const char *world = lectern_autoconsent_get_world_name ();

  G_OBJECT_CLASS (lectern_autoconsent_parent_class)->constructed (object);

  self->manager = g_object_ref (webkit_web_view_get_user_content_manager (self->web_view));

  /* At document start, so that the banner can be hidden before it is ever
   * drawn; autoconsent itself waits for the DOM before it looks. */
  script = webkit_user_script_new_for_world (get_user_script_source (),
                                             WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             world, NULL, NULL);
  webkit_user_content_manager_add_script (self->manager, script);

  /* Connected before registering, as WebKit asks, so nothing is missed. */
  g_signal_connect_object (self->manager, "script-message-with-reply-received::" LECTERN_IPC_AUTOCONSENT,
                           G_CALLBACK (script_message_cb), self, 0);
  if (!webkit_user_content_manager_register_script_message_handler_with_reply (self->manager,
                                                                              LECTERN_IPC_AUTOCONSENT,
                                                                              world))
    g_warning ("Cannot register autoconsent's message handler");

  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self, 0);
}

static void
lectern_autoconsent_dispose (GObject *object)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_popup_wait (self);

  if (self->manager != NULL)
    webkit_user_content_manager_unregister_script_message_handler (self->manager, LECTERN_IPC_AUTOCONSENT,
                                                                   lectern_autoconsent_get_world_name ());
  g_clear_object (&self->manager);
  g_clear_weak_pointer (&self->web_view);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (lectern_autoconsent_parent_class)->dispose (object);
}

static void
lectern_autoconsent_finalize (GObject *object)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  g_clear_pointer (&self->outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&self->detected, g_free);

  G_OBJECT_CLASS (lectern_autoconsent_parent_class)->finalize (object);
}

static void
lectern_autoconsent_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      g_value_set_object (value, self->web_view);
      break;

    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_autoconsent_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      /* The view owns this object: a weak pointer breaks the cycle. */
      g_set_weak_pointer (&self->web_view, g_value_get_object (value));
      break;

    case PROP_PAGE:
      lectern_autoconsent_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_autoconsent_class_init (LecternAutoconsentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_autoconsent_constructed;
  object_class->dispose = lectern_autoconsent_dispose;
  object_class->finalize = lectern_autoconsent_finalize;
  object_class->get_property = lectern_autoconsent_get_property;
  object_class->set_property = lectern_autoconsent_set_property;

  properties[PROP_WEB_VIEW] =
    g_param_spec_object ("web-view", NULL, NULL,
                         WEBKIT_TYPE_WEB_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         LECTERN_TYPE_PAGE_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_autoconsent_init (LecternAutoconsent *self)
{
  self->cancellable = g_cancellable_new ();
}
