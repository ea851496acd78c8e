/* lectern-ipc.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-cmp-outcome.h"
#include "lectern-cookie-evidence.h"
#include "lectern-request-record.h"
#include "lectern-site-choices.h"

/* Every message between the UI and the web processes, each beside the
 * GVariant type its parameters must have. The web process runs hostile
 * pages: the receiver checks the type before unpacking. */

/* The version of this contract. The extension announces it for each
 * page (LECTERN_IPC_PAGE_PROTECTED); an extension of another build speaks
 * another contract, and the view does not take its word. */
#define LECTERN_IPC_VERSION 1

/* Init data of the web process extension: filter list paths (path, list
 * kind id), tracker database paths, defaults, every stored site, then the
 * compiled filter cache (path, key of the lists; empty when there is
 * none, and the extension reads the lists itself), then every site's
 * allowed trackers (as LECTERN_IPC_SITE_ALLOWED_TRACKERS). Packed and
 * unpacked only by lectern-ipc-init.h. */
#define LECTERN_IPC_INIT_TYPE "(a(ss)ss" LECTERN_SITE_CHOICES_VARIANT_TYPE "a" LECTERN_SITE_CHOICES_VARIANT_TYPE "(ss)a" LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE ")"

/* UI → every web process: the trackers the reader allowed on one site
 * (site, tracker names, else hosts), replacing the site's earlier list. */
#define LECTERN_IPC_SITE_ALLOWED_TRACKERS      "Lectern.Site.AllowedTrackers"
#define LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE "(sas)"

/* UI → every web process: a site's choices changed (or the defaults,
 * when the site is empty). */
#define LECTERN_IPC_SITE_CHOICES      "Lectern.Site.Choices"
#define LECTERN_IPC_SITE_CHOICES_TYPE LECTERN_SITE_CHOICES_VARIANT_TYPE

/* Web page → its view: the extension is loaded in the page's web
 * process and decides its requests: the page's URL, then
 * LECTERN_IPC_VERSION. Sent for each document of the main frame, before
 * its scripts run and again once it is parsed; a page that loads with no
 * word of it was loaded with no blocking at all. */
#define LECTERN_IPC_PAGE_PROTECTED      "Lectern.Page.Protected"
#define LECTERN_IPC_PAGE_PROTECTED_TYPE "(su)"

/* Web page → its view: one request and what was decided for it. */
#define LECTERN_IPC_REQUEST_DECIDED      "Lectern.Request.Decided"
#define LECTERN_IPC_REQUEST_DECIDED_TYPE LECTERN_REQUEST_RECORD_VARIANT_TYPE

/* Web page → its view: the page's consent tool (OneTrust, Cookiebot, TCF),
 * what Lectern did with it and what it holds since: the page's URL, then
 * a LecternCmpOutcome. Read in the page's own script world through the
 * JavaScript API, never from a message the page could post. */
#define LECTERN_IPC_CMP_OUTCOME      "Lectern.Cmp.Outcome"
#define LECTERN_IPC_CMP_OUTCOME_TYPE "(s" LECTERN_CMP_OUTCOME_VARIANT_TYPE ")"

/* Web page → its view: a script wrote a cookie through document.cookie:
 * the page's URL, then a LecternCookieEvidence (via "document.cookie").
 * Sent by the extension's main-world hook, from C. */
#define LECTERN_IPC_COOKIE_WRITTEN      "Lectern.Cookie.Written"
#define LECTERN_IPC_COOKIE_WRITTEN_TYPE "(s" LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE ")"

/* Web page → its view: OneTrust's groups on the page (the page's URL, the
 * groups as JSON), to be remembered for the site; view → web page, as a
 * page starts loading: the site's remembered groups (site, JSON), so that
 * OneTrust's cookie is written in the site's own ids before its scripts run. */
#define LECTERN_IPC_CMP_ONETRUST_GROUPS      "Lectern.Cmp.OneTrustGroups"
#define LECTERN_IPC_CMP_ONETRUST_GROUPS_TYPE "(ss)"

/* Autoconsent's world in a page → its view, through a script message
 * handler of that world only (not a WebKit user message): one message of
 * autoconsent's as JSON, {"top": is the top frame, "url": the frame's
 * address, "message": {...}}; the reply is Lectern's answer as JSON, or
 * nothing. */
#define LECTERN_IPC_AUTOCONSENT      "lecternAutoconsent"
#define LECTERN_IPC_AUTOCONSENT_TYPE "s"

/* View → web page: run one of autoconsent's own snippets, checked by the
 * view, in the page world of the subframe that asked: the page's URL, the
 * frame's URL, the code. The reply (same name) says whether it ran, then
 * its value as JSON ("" for none). */
#define LECTERN_IPC_AUTOCONSENT_EVAL            "Lectern.Autoconsent.Eval"
#define LECTERN_IPC_AUTOCONSENT_EVAL_TYPE       "(sss)"
#define LECTERN_IPC_AUTOCONSENT_EVAL_REPLY_TYPE "(bs)"
