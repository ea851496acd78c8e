/* test-filter-engine.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lectern-filter-engine.h"
#include "lectern-filter-engine-private.h"

#define THIRD_PARTY_PAGE "https://news.example.org/story.html"

static LecternFilterEngine *
engine_with (const char *first_rule,
             ...)
{
  LecternFilterEngine *engine = lectern_filter_engine_new ();
  va_list args;

  va_start (args, first_rule);
  for (const char *rule = first_rule; rule != NULL; rule = va_arg (args, const char *))
    {
      g_autoptr(GError) error = NULL;

      if (!lectern_filter_engine_add_rule (engine, rule, LECTERN_FILTER_LIST_OTHER, &error))
        g_error ("Rule “%s” was refused: %s", rule, error->message);
    }
  va_end (args);

  return engine;
}

static gboolean
blocks_full (LecternFilterEngine  *engine,
             const char           *url,
             const char           *page_url,
             LecternResourceTypes  types,
             LecternFilterMatch   *match)
{
  LecternRequest request = { url, page_url, types, FALSE };
  LecternFilterMatch local;
  gboolean blocked;

  if (match == NULL)
    match = &local;

  blocked = lectern_filter_engine_match (engine, &request, match);
  g_assert_cmpint (blocked, ==, match->blocked);
  if (blocked)
    g_assert_nonnull (match->rule);

  return blocked;
}

static gboolean
blocks (LecternFilterEngine *engine,
        const char          *url)
{
  return blocks_full (engine, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_SCRIPT, NULL);
}

static void
test_host_anchor (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||ads.example.com^", NULL);
  g_autoptr(LecternFilterEngine) mid = engine_with ("||ample.com^", NULL);
  LecternFilterMatch match;

  g_assert_true (blocks_full (engine, "https://ads.example.com/banner.js", THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpstr (match.rule, ==, "||ads.example.com^");
  g_assert_cmpint (match.list, ==, LECTERN_FILTER_LIST_OTHER);

  g_assert_true (blocks (engine, "https://ADS.Example.COM/banner.js"));
  g_assert_true (blocks (engine, "http://cdn.ads.example.com/x"));
  g_assert_true (blocks (engine, "https://ads.example.com:8443/x"));
  g_assert_true (blocks (engine, "https://user:pw@ads.example.com/x"));
  g_assert_false (blocks (engine, "https://badads.example.com/x"));
  g_assert_false (blocks (engine, "https://ads.example.com.evil.org/x"));
  g_assert_false (blocks (engine, "https://example.com/ads.example.com/x"));

  /* The authority is read sixteen bytes at a time: where it ends and its
   * last '@' may fall in any block, or after the last whole one. */
  g_assert_true (blocks (engine, "https://a-rather-long-user-name:secret@ads.example.com/x"));
  g_assert_true (blocks (engine, "https://first@second@ads.example.com"));
  g_assert_true (blocks (engine, "https://u@x@y@z@w@v@t@s@q@ads.example.com?a@b"));
  g_assert_false (blocks (engine, "https://ads.example.com@elsewhere.org/x"));
  g_assert_false (blocks (engine, "https://elsewhere.org/@ads.example.com/x"));
  g_assert_false (blocks (engine, "https://elsewhere.org#@ads.example.com"));
  g_assert_false (blocks (engine, "https://elsewhere.org?@ads.example.com"));
  g_assert_true (blocks (engine, "https://www.ads.example.com"));
  g_assert_true (blocks (engine, "https://www.www.www.ads.example.com"));
  g_assert_true (blocks (engine, "HTTPS://ADS.EXAMPLE.COM/"));
  g_assert_true (blocks (engine, "wss://ads.example.com/socket"));

  /* Not in the middle of a label. */
  g_assert_false (blocks (mid, "https://example.com/"));
  g_assert_false (blocks (mid, "https://www.example.com/"));
  g_assert_true (blocks (mid, "https://ample.com/"));
  g_assert_true (blocks (mid, "https://www.ample.com/"));
  /* An '@' after the authority's end, in the same block of sixteen. */
  g_assert_true (blocks (mid, "https://ample.com/x@yy.org/zz"));
}

static void
test_separator (void)
{
  g_autoptr(LecternFilterEngine) host = engine_with ("||example.com^", NULL);
  g_autoptr(LecternFilterEngine) path = engine_with ("/ads^", NULL);
  g_autoptr(LecternFilterEngine) query = engine_with ("^ad_id=", NULL);

  /* The end of the URL is a separator too. */
  g_assert_true (blocks (host, "https://example.com"));
  g_assert_true (blocks (host, "https://example.com/"));
  g_assert_true (blocks (host, "https://example.com?x"));
  g_assert_false (blocks (host, "https://example.community/"));

  g_assert_true (blocks (path, "https://x.org/ads"));
  g_assert_true (blocks (path, "https://x.org/ads/1.js"));
  g_assert_true (blocks (path, "https://x.org/ads?id=1"));
  g_assert_true (blocks (path, "https://x.org/ads:1"));
  /* '_', '-', '.' and '%' are part of names. */
  g_assert_false (blocks (path, "https://x.org/ads-banner.js"));
  g_assert_false (blocks (path, "https://x.org/ads.js"));
  g_assert_false (blocks (path, "https://x.org/ads_1"));
  g_assert_false (blocks (path, "https://x.org/ads%20"));
  g_assert_false (blocks (path, "https://x.org/adsense"));

  g_assert_true (blocks (query, "https://x.org/p?ad_id=3"));
  g_assert_true (blocks (query, "https://x.org/p?a=1&ad_id=3"));
  g_assert_false (blocks (query, "https://x.org/p?bad_id=3"));
}

/* Long literal runs are compared eight bytes at a time: a '^' or a
 * difference may fall anywhere in a word, and a run may end a few bytes
 * short of the URL's end. */
static void
test_separator_in_words (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/longsegment^value^other-part.js",
                                                      "/0123456789abcdef^", "/CaseSensitivePath$match-case",
                                                      NULL);

  g_assert_true (blocks (engine, "https://x.org/longsegment/value?other-part.js"));
  g_assert_true (blocks (engine, "https://x.org/longsegment&value=other-part.js"));
  g_assert_false (blocks (engine, "https://x.org/longsegment-value/other-part.js"));
  g_assert_false (blocks (engine, "https://x.org/longsegment/xalue/other-part.js"));
  g_assert_false (blocks (engine, "https://x.org/longsegment/value_other-part.js"));
  g_assert_false (blocks (engine, "https://x.org/longsegment/value/other-part.jx"));
  g_assert_false (blocks (engine, "https://x.org/longsegment/value/other-part.j"));
  g_assert_false (blocks (engine, "https://x.org/longsegment/value/other-parts.js"));

  /* The '^' right after a full word, and the URL's end there. */
  g_assert_true (blocks (engine, "https://x.org/0123456789abcdef"));
  g_assert_true (blocks (engine, "https://x.org/0123456789abcdef/x"));
  g_assert_false (blocks (engine, "https://x.org/0123456789abcdefg"));
  g_assert_false (blocks (engine, "https://x.org/0123456789abcdeF0"));

  g_assert_true (blocks (engine, "https://x.org/a/CaseSensitivePath"));
  g_assert_false (blocks (engine, "https://x.org/a/CaseSensitivepath"));
  g_assert_false (blocks (engine, "https://x.org/a/CaseSensitivePat"));
}

static void
test_wildcard (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/banner/*/img^", NULL);
  g_autoptr(LecternFilterEngine) host = engine_with ("||cdn.*.net/track/*.gif", NULL);

  g_assert_true (blocks (engine, "https://x.org/banner/foo/img"));
  g_assert_true (blocks (engine, "https://x.org/banner/a/b/c/img?x=1"));
  g_assert_true (blocks (engine, "https://x.org/banner//img/"));
  g_assert_false (blocks (engine, "https://x.org/banner/img"));
  g_assert_false (blocks (engine, "https://x.org/banner/foo/imgs"));

  g_assert_true (blocks (host, "https://cdn.foo.net/track/a/b.gif"));
  g_assert_false (blocks (host, "https://cdn.foo.net/track/a/b.png"));
  g_assert_false (blocks (host, "https://xcdn.foo.net/track/b.gif"));
}

/* A segment after a '*' is looked for at each place where its first and
 * last bytes are: the places where only one of them is, or both but not
 * what lies between, must be passed over, wherever the sixteen-byte
 * steps of the search fall. */
static void
test_wildcard_search (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||cdn.example^*.gif?d=",
                                                       "/pixel/*/count^",
                                                       "/Beacon/*.JS$match-case",
                                                       "/\\/v[0-9]+\\/hit\\?id=[0-9]+/",
                                                       NULL);

  /* ".gif" and "?d=" apart, then ".gxf?d=" (first and last bytes alike),
   * before the one place that matches. */
  g_assert_false (blocks (engine, "https://cdn.example/a.gif?e=1&b?d=2&c.gxf?d=3"));
  g_assert_true (blocks (engine, "https://cdn.example/a.gif?e=1&c.gxf?d=3&z.gif?d=4"));
  g_assert_false (blocks (engine, "https://www.example/a.gif?d=1"));

  for (gsize pad = 0; pad < 40; pad++)
    {
      g_autofree char *filler = g_strnfill (pad, 'a');
      g_autofree char *at_end = g_strdup_printf ("https://cdn.example/%s.gif?d=", filler);
      g_autofree char *cut = g_strdup_printf ("https://cdn.example/%s.gif?d", filler);
      g_autofree char *decoys = g_strdup_printf ("https://cdn.example/%s.gif?e=.gxf?d=.gif?d=%s", filler, filler);
      g_autofree char *count = g_strdup_printf ("https://x.org/pixel/%s/count", filler);
      g_autofree char *counter = g_strdup_printf ("https://x.org/pixel/%s/counter/count_", filler);
      g_autofree char *beacon = g_strdup_printf ("https://x.org/Beacon/%s.js.JS?%s", filler, filler);
      g_autofree char *lower_beacon = g_strdup_printf ("https://x.org/Beacon/%s.js?%s", filler, filler);
      g_autofree char *hit = g_strdup_printf ("https://x.org/%s/v2/hi/v12/hit?id=7", filler);
      g_autofree char *no_hit = g_strdup_printf ("https://x.org/%s/v2/hit?id=x/v/hit?id=7", filler);

      g_assert_true (blocks (engine, at_end));
      g_assert_false (blocks (engine, cut));
      g_assert_true (blocks (engine, decoys));
      /* The '^' at the very end, then a separator that is a '_'. */
      g_assert_true (blocks (engine, count));
      g_assert_false (blocks (engine, counter));
      /* Matched on the URL as it was written, which is not padded. */
      g_assert_true (blocks (engine, beacon));
      g_assert_false (blocks (engine, lower_beacon));
      /* The literal a regular expression needs, found before it is
       * run. */
      g_assert_true (blocks (engine, hit));
      g_assert_false (blocks (engine, no_hit));
    }
}

static void
test_token_places (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/ads/banner/", "/track/pixel", "-promo.Gif$match-case", NULL);
  g_autoptr(LecternFilterEngine) late = engine_with ("abcdef/https:", NULL);

  /* The indexing token comes twice; only its second place matches. */
  g_assert_true (blocks (engine, "https://x.org/ads/ads/banner/1.png"));
  g_assert_true (blocks (engine, "https://x.org/ads/banner/"));
  g_assert_false (blocks (engine, "https://x.org/ads/ads/"));
  /* What follows the token runs past the end of the URL. */
  g_assert_false (blocks (engine, "https://x.org/track"));
  g_assert_false (blocks (engine, "https://x.org/track/pix"));
  g_assert_true (blocks (engine, "https://x.org/track/pixel"));
  g_assert_true (blocks (engine, "https://x.org/a/track/track/pixel?x"));
  /* Case counts where the rule says so, on both sides of the token. */
  g_assert_true (blocks (engine, "https://x.org/summer-promo.Gif"));
  g_assert_false (blocks (engine, "https://x.org/summer-promo.gif"));
  g_assert_false (blocks (engine, "https://x.org/summer-PROMO.Gif"));
  /* The token, and the bytes after it, closer to the URL's start than
   * the pattern puts it. */
  g_assert_false (blocks (late, "https://x.org/"));
  g_assert_true (blocks (late, "https://x.org/abcdef/https:x"));
}

/* The token filter is asked about a token and the byte after its key:
 * rules sharing a token but wanting different bytes there, or none, must
 * each still be found. */
static void
test_token_next_byte (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/promo/a.", "/promo-b/", "/promo^side",
                                                      "/adserverx/", "/adserverzone*.js", "/sponsor",
                                                      NULL);

  g_assert_true (blocks (engine, "https://x.org/promo/a.png"));
  g_assert_true (blocks (engine, "https://x.org/promo-b/1"));
  g_assert_true (blocks (engine, "https://x.org/promo?side"));
  g_assert_false (blocks (engine, "https://x.org/promo.b/1"));
  g_assert_false (blocks (engine, "https://x.org/promo/b/1"));
  /* Long tokens: the byte after the first eight. */
  g_assert_true (blocks (engine, "https://x.org/adserverx/1"));
  g_assert_true (blocks (engine, "https://x.org/adserverzone7.js"));
  g_assert_false (blocks (engine, "https://x.org/adserverq/1"));
  g_assert_false (blocks (engine, "https://x.org/adserver/1"));
  /* Nothing fixed after the token: any byte, or the URL's end. */
  g_assert_true (blocks (engine, "https://x.org/sponsor"));
  g_assert_true (blocks (engine, "https://x.org/sponsor/x"));
  g_assert_true (blocks (engine, "https://x.org/SPONSOR.js"));
}

/* A rule's check holds up to six bytes after the token and two before
 * it: rules sharing a token and those bytes' first ones still tell apart
 * by the later ones, and a token at the URL's very start has nothing
 * before it. */
static void
test_token_surroundings (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/banner/abcde1", "-banner/abcde2", "_banner-x",
                                                      "^banner.q", "/http^", "://tracker.", NULL);

  g_assert_true (lectern_filter_engine_add_rule (engine, "/Promoted-Box$match-case", LECTERN_FILTER_LIST_OTHER, NULL));

  g_assert_true (blocks (engine, "https://x.org/banner/abcde1.png"));
  g_assert_false (blocks (engine, "https://x.org/banner/abcde2.png"));
  g_assert_true (blocks (engine, "https://x.org/a-banner/abcde2.png"));
  g_assert_false (blocks (engine, "https://x.org/a-banner/abcde1.png"));
  g_assert_false (blocks (engine, "https://x.org/banner/abcdf1.png"));
  g_assert_true (blocks (engine, "https://x.org/a_banner-x"));
  g_assert_false (blocks (engine, "https://x.org/a.banner-x"));
  /* '^' before the token: a separator, or nothing fixed there. */
  g_assert_true (blocks (engine, "https://x.org/?banner.q"));
  g_assert_true (blocks (engine, "https://x.org/a=banner.q"));
  g_assert_false (blocks (engine, "https://x.org/abanner.q"));
  /* The scheme's token has no byte before it. */
  g_assert_false (blocks (engine, "http://x.org/"));
  g_assert_true (blocks (engine, "https://x.org/http/1"));
  g_assert_true (blocks (engine, "https://tracker.x.org/"));
  g_assert_false (blocks (engine, "https://a-tracker.x.org/"));
  /* Compared lower-cased, decided by the case. */
  g_assert_true (blocks (engine, "https://x.org/Promoted-Box/1"));
  g_assert_false (blocks (engine, "https://x.org/promoted-box/1"));
  g_assert_false (blocks (engine, "https://x.org/-Promoted-Box/1"));

  /* A token too far into its pattern for its distance to be kept: the
   * match is searched for. */
  {
    g_autofree char *dashes = g_strnfill (300, '-');
    g_autofree char *fewer = g_strnfill (299, '-');
    g_autofree char *rule = g_strconcat ("/", dashes, "deepzz^", NULL);
    g_autofree char *url = g_strconcat ("https://x.org/a/", dashes, "deepzz/1", NULL);
    g_autofree char *short_url = g_strconcat ("https://x.org/a", fewer, "deepzz/1", NULL);

    g_assert_true (lectern_filter_engine_add_rule (engine, rule, LECTERN_FILTER_LIST_OTHER, NULL));
    g_assert_true (blocks (engine, url));
    g_assert_false (blocks (engine, short_url));
  }
}

/* The URL's bytes are lowered and its tokens marked sixteen bytes at a
 * time, sixty-four to a word: a token is found wherever it falls, in a
 * URL shorter than a block, and in one too long for the stack. */
/* "qfu6pp7i" is a key whose hash is 0, which marks an empty slot of the
 * token table: no rule is indexed by it, and a URL that holds it finds no
 * rule through it. A rule that has no other token is tried for every
 * request instead. */
static void
test_zero_hash_key (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("^qfu6pp7i^", "/banner/ads.js", "||qfu6pp7i.example^$script",
                                                       "/qfu6pp7i.gif", NULL);

  g_assert_true (blocks (engine, "https://x.org/qfu6pp7i/a.js"));
  g_assert_true (blocks (engine, "https://x.org/QFU6PP7I?a.js"));
  g_assert_true (blocks (engine, "https://x.org/a/qfu6pp7i"));
  g_assert_false (blocks (engine, "https://x.org/qfu6pp7ix/a.js"));
  g_assert_false (blocks (engine, "https://x.org/a/xqfu6pp7i"));
  g_assert_true (blocks (engine, "https://qfu6pp7i.example/a.js"));
  g_assert_true (blocks (engine, "https://x.org/a/qfu6pp7i.gif"));
  g_assert_true (blocks (engine, "https://x.org/qfu6pp7i/banner/ads.js"));
  g_assert_false (blocks (engine, "https://x.org/qfu6pp7i.png"));
}

/* An image whose empty slots are not all zeros: a full check refuses it,
 * and one loaded with only its layout checked never reads a rule through
 * such a slot, which a URL's token whose hash is 0 ("qfu6pp7i", see
 * test_zero_hash_key()) would otherwise reach. */
static void
test_dirty_empty_slot (void)
{
  g_autoptr(LecternFilterEngine) built = engine_with ("/banner/ads.js", "^track^", NULL);
  g_autoptr(GBytes) image = lectern_filter_engine_dup_image (built);
  g_autoptr(GBytes) dirty = NULL;
  g_autoptr(LecternFilterEngine) checked = NULL;
  g_autoptr(LecternFilterEngine) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize size;
  guint8 *copy;
  ImageHeader header;
  Slot *slots;
  guint32 dirtied = 0;

  /* Two statements: the order of a call's arguments is not defined. */
  data = g_bytes_get_data (image, &size);
  copy = g_memdup2 (data, size);
  memcpy (&header, copy, sizeof header);
  slots = (Slot *) (gpointer) (copy + header.slots_offset);
  for (guint32 i = 0; i < header.n_slots; i++)
    {
      if (slots[i].hash == 0)
        {
          slots[i].range = G_MAXUINT32;
          dirtied++;
        }
    }
  g_assert_cmpuint (dirtied, >, 0);
  /* And a filter that lets every token through to the slots. */
  memset (copy + header.filter_offset, 0xff, (gsize) header.n_filter_words * sizeof (guint64));
  dirty = g_bytes_new_take (copy, size);

  checked = lectern_filter_engine_new_from_image (dirty, TRUE, &error);
  g_assert_null (checked);
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_CORRUPT);
  g_clear_error (&error);

  loaded = lectern_filter_engine_new_from_image (dirty, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (blocks (loaded, "https://x.org/qfu6pp7i/banner/ads.js?qfu6pp7i"));
  g_assert_false (blocks (loaded, "https://x.org/qfu6pp7i/a.js"));
  g_assert_true (blocks (loaded, "https://qfu6pp7i.example/track?qfu6pp7i=1"));
}

static void
test_token_positions (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/zqxtoken^", "a.b/q", "/zqxlongt", NULL);
  const gsize long_lengths[] = { 4000, 4020, 4024, 4025, 4030, 4096, 9000 };
  const gsize token_lengths[] = { 8, 9, 63, 64, 65, 100, 128, 129 };

  for (gsize k = 0; k < 200; k++)
    {
      g_autofree char *filler = g_strnfill (k, 'A');
      g_autofree char *url = g_strconcat ("https://x.org/", filler, "/ZqxToken/", NULL);
      g_autofree char *other = g_strconcat ("https://x.org/", filler, "/zqxtokens", NULL);

      g_assert_true (blocks (engine, url));
      g_assert_false (blocks (engine, other));
    }
  /* Tokens longer than their key, a whole block of 64 bytes among them
   * (the filler of 49 puts one at bytes 64 to 127), or over the end of
   * one. */
  for (gsize k = 0; k < 140; k++)
    {
      for (gsize l = 0; l < G_N_ELEMENTS (token_lengths); l++)
        {
          g_autofree char *filler = g_strnfill (k, '-');
          g_autofree char *rest = g_strnfill (token_lengths[l] - 8, 'a');
          g_autofree char *url = g_strconcat ("https://x.org/", filler, "/zqxlongt", rest, "/", NULL);
          g_autofree char *other = g_strconcat ("https://x.org/", filler, "/zqxlongs", rest, "/", NULL);

          g_assert_true (blocks (engine, url));
          g_assert_false (blocks (engine, other));
        }
    }
  for (gsize k = 0; k < G_N_ELEMENTS (long_lengths); k++)
    {
      g_autofree char *filler = g_strnfill (long_lengths[k], 'b');
      g_autofree char *url = g_strconcat ("https://x.org/", filler, "/zqxtoken", NULL);
      g_autofree char *other = g_strconcat ("https://x.org/", filler, "/zqxtoke", NULL);

      g_assert_true (blocks (engine, url));
      g_assert_false (blocks (engine, other));
    }
  g_assert_true (blocks (engine, "http://a.b/q"));
  g_assert_true (blocks (engine, "HTTP://A.B/Q"));
  g_assert_false (blocks (engine, "http://a.b/r"));
}

/* The tokens that may name rules are decided in batches: hundreds of
 * them, each reaching a rule that does not apply, must not hide the last
 * one. */
static void
test_many_tokens (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/q/$image", "-q-$image", "/zzend.js", NULL);
  g_autoptr(GString) url = g_string_new ("https://x.org/");

  /* As many tokens as a block can hold. */
  for (guint i = 0; i < 900; i++)
    g_string_append (url, i % 2 ? "q/" : "q-");
  g_assert_false (blocks (engine, url->str));
  g_string_append (url, "zzend.js");
  g_assert_true (blocks (engine, url->str));
  g_string_truncate (url, 14);
  for (guint i = 0; i < 40; i++)
    g_string_append (url, "q/");
  g_string_append (url, "zzend.js");
  g_assert_true (blocks (engine, url->str));
}

/* A token of many rules: they are read by the byte they want after the
 * token, those that want none first. */
static void
test_token_bucket (void)
{
  const char *follows = "-./_=?&,;:!~";
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();

  for (const char *c = follows; *c != '\0'; c++)
    {
      g_autofree char *rule = g_strdup_printf ("/widget%cx%u/y", *c, (guint) (c - follows));

      g_assert_true (lectern_filter_engine_add_rule (engine, rule, LECTERN_FILTER_LIST_OTHER, NULL));
    }
  g_assert_true (lectern_filter_engine_add_rule (engine, "/widget^side", LECTERN_FILTER_LIST_OTHER, NULL));
  /* A '*' before the token: where the match starts is not known, the
   * bytes after the token still are. */
  g_assert_true (lectern_filter_engine_add_rule (engine, "://*/gadget.js", LECTERN_FILTER_LIST_OTHER, NULL));

  for (const char *c = follows; *c != '\0'; c++)
    {
      g_autofree char *url = g_strdup_printf ("https://x.org/widget%cx%u/y", *c, (guint) (c - follows));
      g_autofree char *wrong = g_strdup_printf ("https://x.org/widget%cx%u/y", *c, (guint) (c - follows) + 1);

      g_assert_true (blocks (engine, url));
      g_assert_false (blocks (engine, wrong));
    }
  g_assert_true (blocks (engine, "https://x.org/widget/side"));
  g_assert_true (blocks (engine, "https://x.org/widget?side"));
  g_assert_false (blocks (engine, "https://x.org/widget#x0/y"));
  g_assert_false (blocks (engine, "https://x.org/widget"));
  g_assert_true (blocks (engine, "https://x.org/a/gadget.js"));
  g_assert_false (blocks (engine, "https://x.org/a/gadget.j"));
  g_assert_false (blocks (engine, "https://x.org/a/gadget-js"));
}

/* A bucket whose rules share the byte after the token is read by the
 * first two: those that want the first alone, then those that want
 * both. */
static void
test_token_bucket_two_bytes (void)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();

  for (char c = 'a'; c <= 'l'; c++)
    {
      g_autofree char *rule = g_strdup_printf ("/gizmos-%cz", c);

      g_assert_true (lectern_filter_engine_add_rule (engine, rule, LECTERN_FILTER_LIST_OTHER, NULL));
    }
  g_assert_true (lectern_filter_engine_add_rule (engine, "/gizmos-$image", LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_true (lectern_filter_engine_add_rule (engine, "/gizmos^$font", LECTERN_FILTER_LIST_OTHER, NULL));

  for (char c = 'a'; c <= 'l'; c++)
    {
      g_autofree char *url = g_strdup_printf ("https://x.org/gizmos-%cz", c);
      g_autofree char *wrong = g_strdup_printf ("https://x.org/gizmos-%cy", c);

      g_assert_true (blocks (engine, url));
      g_assert_false (blocks (engine, wrong));
    }
  g_assert_false (blocks (engine, "https://x.org/gizmos-mz"));
  g_assert_true (blocks_full (engine, "https://x.org/gizmos-mz", THIRD_PARTY_PAGE, LECTERN_RESOURCE_IMAGE, NULL));
  /* The URL ends after the first byte. */
  g_assert_true (blocks_full (engine, "https://x.org/gizmos-", THIRD_PARTY_PAGE, LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_false (blocks (engine, "https://x.org/gizmos-"));
  g_assert_true (blocks_full (engine, "https://x.org/gizmos", THIRD_PARTY_PAGE, LECTERN_RESOURCE_FONT, NULL));
  g_assert_true (blocks_full (engine, "https://x.org/gizmos-cz", THIRD_PARTY_PAGE, LECTERN_RESOURCE_FONT, NULL));
}

static void
test_token_blocks (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/trackpixel^", "-bannerad$third-party",
                                                      "=verylongtoken", NULL);

  /* The URL is read in blocks of 64 bytes: a token may cross from one
   * into the next, or end exactly where the URL and a block end. */
  for (gsize prefix = 40; prefix < 140; prefix++)
    {
      g_autoptr(GString) url = g_string_new ("https://x.org/");
      g_autoptr(GString) unmatched = NULL;

      while (url->len < prefix)
        g_string_append_c (url, 'a' + url->len % 26);
      g_string_append (url, "/trackpixel");
      g_assert_true (blocks (engine, url->str));

      unmatched = g_string_new (url->str);
      g_string_truncate (unmatched, unmatched->len - 1);
      g_assert_false (blocks (engine, unmatched->str));

      g_string_append (url, "s");
      g_assert_false (blocks (engine, url->str));
    }

  /* A token of eight bytes or more is found by its start, however long
   * it runs on, across as many blocks as it takes. */
  for (gsize prefix = 40; prefix < 140; prefix += 3)
    {
      g_autoptr(GString) url = g_string_new ("https://x.org/?");

      while (url->len < prefix)
        g_string_append_c (url, 'a' + url->len % 26);
      g_string_append (url, "&id=verylongtoke");
      g_assert_false (blocks (engine, url->str));
      /* Same first eight bytes, not the rule's. */
      g_string_append_c (url, 'x');
      for (guint i = 0; i < prefix; i++)
        g_string_append_c (url, '0' + i % 10);
      g_assert_false (blocks (engine, url->str));
      g_string_insert_c (url, url->len - prefix - 1, 'n');
      g_assert_true (blocks (engine, url->str));
    }

  /* Far more tokens than are decided in one batch, the one that matters
   * last. */
  {
    g_autoptr(GString) url = g_string_new ("https://x.org/");

    for (guint i = 0; i < 600; i++)
      g_string_append_printf (url, "t%u/", i);
    g_assert_false (blocks (engine, url->str));
    g_string_append (url, "trackpixel");
    g_assert_true (blocks (engine, url->str));
  }

  /* The party of each request, whatever pages came before it. */
  for (guint round = 0; round < 3; round++)
    {
      for (guint page = 0; page < 40; page++)
        {
          g_autofree char *page_url = g_strdup_printf ("https://www.site%u.co.uk/", page);
          g_autofree char *first = g_strdup_printf ("https://cdn.site%u.co.uk/x-bannerad.png", page);
          g_autofree char *third = g_strdup_printf ("https://cdn.site%u.co.uk/x-bannerad.png", page + 1);

          g_assert_false (blocks_full (engine, first, page_url, LECTERN_RESOURCE_IMAGE, NULL));
          g_assert_true (blocks_full (engine, third, page_url, LECTERN_RESOURCE_IMAGE, NULL));
        }
    }
}

static void
test_anchors (void)
{
  g_autoptr(LecternFilterEngine) start = engine_with ("|https://ads.", NULL);
  g_autoptr(LecternFilterEngine) end = engine_with (".gif|", NULL);
  g_autoptr(LecternFilterEngine) both = engine_with ("|https://example.com/ad.js|", NULL);
  g_autoptr(LecternFilterEngine) plain = engine_with ("ad.js", NULL);
  g_autoptr(LecternFilterEngine) inner = engine_with ("/addyn|*|adtech;", NULL);

  g_assert_true (blocks (start, "https://ads.example.com/x"));
  g_assert_false (blocks (start, "http://ads.example.com/x"));
  g_assert_false (blocks (start, "https://x.org/?u=https://ads.example.com/"));

  g_assert_true (blocks (end, "https://x.org/a.gif"));
  g_assert_false (blocks (end, "https://x.org/a.gif?x=1"));
  g_assert_false (blocks (end, "https://x.org/a.gifs"));

  g_assert_true (blocks (both, "https://example.com/ad.js"));
  g_assert_false (blocks (both, "https://example.com/ad.js?v=2"));
  g_assert_false (blocks (both, "https://www.example.com/ad.js"));

  /* A plain pattern is a substring anywhere, case aside. */
  g_assert_true (blocks (plain, "https://x.org/static/AD.JS?v=1"));
  g_assert_true (blocks (plain, "https://x.org/bad.js"));
  g_assert_false (blocks (plain, "https://x.org/ad_js"));

  /* Inside a pattern '|' is just a character. */
  g_assert_true (blocks (inner, "https://x.org/addyn|3.0|adtech;loc=100"));
  g_assert_false (blocks (inner, "https://x.org/addyn/3.0/adtech;loc=100"));
}

static void
test_exception_overrides (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||ads.example.com^",
                                                       "@@||ads.example.com/consent/",
                                                       NULL);
  LecternFilterMatch match;

  g_assert_true (blocks_full (engine, "https://ads.example.com/banner.js", THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpstr (match.rule, ==, "||ads.example.com^");

  g_assert_false (blocks_full (engine, "https://ads.example.com/consent/cmp.js", THIRD_PARTY_PAGE,
                               LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_false (match.blocked);
  g_assert_cmpstr (match.rule, ==, "@@||ads.example.com/consent/");

  /* An exception with nothing to override decides nothing. */
  g_assert_false (blocks_full (engine, "https://www.example.com/consent/", THIRD_PARTY_PAGE,
                               LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_null (match.rule);
}

static void
test_important (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||tracker.example^$important",
                                                       "||ads.example^",
                                                       "@@||tracker.example^",
                                                       "@@||ads.example^",
                                                       NULL);
  LecternFilterMatch match;

  g_assert_true (blocks_full (engine, "https://tracker.example/t.js", THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpstr (match.rule, ==, "||tracker.example^$important");
  g_assert_false (blocks (engine, "https://ads.example/a.js"));
}

static void
test_third_party (void)
{
  g_autoptr(LecternFilterEngine) third = engine_with ("||tracker.com^$third-party", NULL);
  g_autoptr(LecternFilterEngine) third_short = engine_with ("||tracker.com^$3p", NULL);
  g_autoptr(LecternFilterEngine) first = engine_with ("/pixel.gif$~third-party", NULL);
  g_autoptr(LecternFilterEngine) first_short = engine_with ("/pixel.gif$1p", NULL);
  g_autoptr(LecternFilterEngine) first_long = engine_with ("/pixel.gif$first-party", NULL);
  LecternResourceTypes image = LECTERN_RESOURCE_IMAGE;

  g_assert_true (blocks_full (third, "https://cdn.tracker.com/t.js", "https://news.org/", image, NULL));
  g_assert_true (blocks_full (third_short, "https://cdn.tracker.com/t.js", "https://news.org/", image, NULL));
  /* Same site: the registrable domain, not the host. */
  g_assert_false (blocks_full (third, "https://cdn.tracker.com/t.js", "https://www.tracker.com/", image, NULL));
  g_assert_false (blocks_full (third_short, "https://tracker.com/t.js", "http://tracker.com/", image, NULL));
  /* Without a page the party is unknown, and a guess never blocks. */
  g_assert_false (blocks_full (third, "https://cdn.tracker.com/t.js", NULL, image, NULL));
  g_assert_false (blocks_full (third, "https://cdn.tracker.com/t.js", "about:blank", image, NULL));

  g_assert_true (blocks_full (first, "https://a.example.co.uk/pixel.gif", "https://b.example.co.uk/", image, NULL));
  g_assert_false (blocks_full (first, "https://a.example.co.uk/pixel.gif", "https://b.other.co.uk/", image, NULL));
  g_assert_true (blocks_full (first_short, "https://news.org/pixel.gif", "https://www.news.org/", image, NULL));
  g_assert_false (blocks_full (first_short, "https://cdn.net/pixel.gif", "https://www.news.org/", image, NULL));
  g_assert_true (blocks_full (first_long, "https://news.org/pixel.gif", "https://news.org/", image, NULL));
  g_assert_false (blocks_full (first_long, "https://cdn.net/pixel.gif", "https://news.org/", image, NULL));
}

static void
test_types (void)
{
  g_autoptr(LecternFilterEngine) script = engine_with ("/adframe.$script", NULL);
  g_autoptr(LecternFilterEngine) not_image = engine_with ("/adframe.$~image", NULL);
  g_autoptr(LecternFilterEngine) aliases = engine_with ("/a1.$xhr", "/a2.$css", "/a3.$frame", NULL);
  g_autoptr(LecternFilterEngine) any = engine_with ("/adframe.", NULL);
  g_autoptr(LecternFilterEngine) document = engine_with ("||bad.example^$document", NULL);
  const char *url = "https://x.org/adframe.js";

  g_assert_true (blocks_full (script, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (script, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_IMAGE, NULL));

  g_assert_true (blocks_full (not_image, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_true (blocks_full (not_image, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_SUBDOCUMENT, NULL));
  g_assert_false (blocks_full (not_image, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_IMAGE, NULL));

  g_assert_true (blocks_full (aliases, "https://x.org/a1.json", THIRD_PARTY_PAGE, LECTERN_RESOURCE_XMLHTTPREQUEST, NULL));
  g_assert_true (blocks_full (aliases, "https://x.org/a2.css", THIRD_PARTY_PAGE, LECTERN_RESOURCE_STYLESHEET, NULL));
  g_assert_true (blocks_full (aliases, "https://x.org/a3.html", THIRD_PARTY_PAGE, LECTERN_RESOURCE_SUBDOCUMENT, NULL));
  g_assert_false (blocks_full (aliases, "https://x.org/a3.html", THIRD_PARTY_PAGE, LECTERN_RESOURCE_SCRIPT, NULL));

  /* A rule without types covers every type but the top document. */
  g_assert_true (blocks_full (any, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_true (blocks_full (any, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_PING, NULL));
  g_assert_false (blocks_full (any, url, THIRD_PARTY_PAGE, LECTERN_RESOURCE_DOCUMENT, NULL));
  g_assert_true (blocks_full (document, "https://bad.example/", NULL, LECTERN_RESOURCE_DOCUMENT, NULL));
  g_assert_false (blocks_full (document, "https://bad.example/x.js", NULL, LECTERN_RESOURCE_SCRIPT, NULL));
}

static void
test_type_sets (void)
{
  g_autoptr(LecternFilterEngine) script = engine_with ("/adframe.$script", NULL);
  g_autoptr(LecternFilterEngine) split = engine_with ("/adframe.$script", "/adframe.$xhr", NULL);
  g_autoptr(LecternFilterEngine) except = engine_with ("/adframe.", "@@/adframe.$xhr", NULL);
  g_autoptr(LecternFilterEngine) important = engine_with ("/adframe.$important,image", "/adframe.$script", NULL);
  LecternResourceTypes maybe = LECTERN_RESOURCE_SCRIPT | LECTERN_RESOURCE_XMLHTTPREQUEST;
  const char *url = "https://x.org/adframe.js";
  LecternFilterMatch match;

  /* Blocked only if blocked whatever the request turns out to be. */
  g_assert_false (blocks_full (script, url, THIRD_PARTY_PAGE, maybe, NULL));
  g_assert_true (blocks_full (split, url, THIRD_PARTY_PAGE, maybe, &match));
  /* The rule for the most likely type is reported. */
  g_assert_cmpstr (match.rule, ==, "/adframe.$script");
  g_assert_false (blocks_full (except, url, THIRD_PARTY_PAGE, maybe, &match));
  g_assert_cmpstr (match.rule, ==, "@@/adframe.$xhr");
  g_assert_true (blocks_full (important, url, THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_IMAGE | LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpstr (match.rule, ==, "/adframe.$important,image");
}

static void
test_domain (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/ads/*$domain=example.com|~shop.example.com", NULL);
  g_autoptr(LecternFilterEngine) negated = engine_with ("/ads/*$domain=~example.com", NULL);
  g_autoptr(LecternFilterEngine) from = engine_with ("/ads/*$from=example.net", NULL);
  const char *url = "https://cdn.net/ads/1.js";
  LecternResourceTypes script = LECTERN_RESOURCE_SCRIPT;

  g_assert_true (blocks_full (engine, url, "https://example.com/", script, NULL));
  g_assert_true (blocks_full (engine, url, "https://www.example.com/a", script, NULL));
  g_assert_false (blocks_full (engine, url, "https://shop.example.com/", script, NULL));
  g_assert_false (blocks_full (engine, url, "https://a.shop.example.com/", script, NULL));
  g_assert_false (blocks_full (engine, url, "https://notexample.com/", script, NULL));
  g_assert_false (blocks_full (engine, url, "https://example.com.evil.org/", script, NULL));
  g_assert_false (blocks_full (engine, url, NULL, script, NULL));

  g_assert_true (blocks_full (negated, url, "https://other.org/", script, NULL));
  g_assert_false (blocks_full (negated, url, "https://www.example.com/", script, NULL));

  g_assert_true (blocks_full (from, url, "https://www.example.net/", script, NULL));
  g_assert_false (blocks_full (from, url, "https://www.example.org/", script, NULL));

  /* The page, not the request, is what $domain= looks at. */
  g_assert_false (blocks_full (engine, "https://example.com/ads/1.js", "https://other.org/", script, NULL));
}

static void
test_match_case (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/BannerAd.$match-case", NULL);
  g_autoptr(LecternFilterEngine) nocase = engine_with ("/BannerAd.", NULL);

  g_assert_true (blocks (engine, "https://x.org/BannerAd.gif"));
  g_assert_false (blocks (engine, "https://x.org/bannerad.gif"));
  g_assert_false (blocks (engine, "https://x.org/BANNERAD.gif"));
  g_assert_true (blocks (nocase, "https://x.org/bannerad.gif"));
  g_assert_true (blocks (nocase, "https://x.org/BANNERAD.gif"));
}

static void
test_page_exception (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||ads.example^",
                                                       "@@||optout.example^$document",
                                                       NULL);
  LecternFilterMatch match;

  g_assert_true (blocks_full (engine, "https://ads.example/a.js", THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://ads.example/a.js", "https://www.optout.example/",
                               LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpstr (match.rule, ==, "@@||optout.example^$document");
}

static void
test_skipped (void)
{
  const struct
  {
    const char              *rule;
    LecternFilterSkipReason  reason;
  } unsupported[] = {
    { "||ads.example^$csp=script-src 'none'", LECTERN_FILTER_SKIP_MODIFIER },
    { "||ads.example^$removeparam=utm_source", LECTERN_FILTER_SKIP_MODIFIER },
    { "||ads.example^$header=x-ad:1", LECTERN_FILTER_SKIP_MODIFIER },
    { "@@||ads.example^$redirect", LECTERN_FILTER_SKIP_MODIFIER },
    { "||ads.example^$frobnicate", LECTERN_FILTER_SKIP_UNKNOWN_OPTION },
    { "||ads.example^$popup", LECTERN_FILTER_SKIP_POPUP },
    { "||ads.example^$domain=/ads[0-9]\\.example/", LECTERN_FILTER_SKIP_DOMAIN },
    { "/ads\\.example\\/([a-z]+/", LECTERN_FILTER_SKIP_REGEX },
    { "@@||ads.example^$generichide", LECTERN_FILTER_SKIP_COSMETIC_EXCEPTION },
    { "||ads.example^$method=post", LECTERN_FILTER_SKIP_METHOD },
    { "||ads.example^$script,~script", LECTERN_FILTER_SKIP_NO_TYPE },
    { "||ads.example^$3p,1p", LECTERN_FILTER_SKIP_NO_TYPE },
  };
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  const LecternFilterStats *stats = lectern_filter_engine_get_stats (engine);
  g_autofree char *summary = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    {
      g_autoptr(GError) error = NULL;
      guint before = stats->skipped_by[unsupported[i].reason];

      g_assert_false (lectern_filter_engine_add_rule (engine, unsupported[i].rule,
                                                      LECTERN_FILTER_LIST_EASYLIST, &error));
      g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED);
      g_assert_cmpuint (stats->skipped_by[unsupported[i].reason], ==, before + 1);
    }

  g_assert_cmpuint (stats->skipped, ==, G_N_ELEMENTS (unsupported));
  g_assert_cmpuint (stats->rules, ==, 0);
  g_assert_cmpuint (stats->invalid, ==, 0);

  /* Never applied in part. */
  g_assert_false (blocks (engine, "https://ads.example/a.js"));
  g_assert_false (blocks (engine, "https://ads.example/abc"));

  summary = lectern_filter_stats_to_string (lectern_filter_engine_get_stats (engine));
  g_assert_nonnull (strstr (summary, "0 rules, 12 skipped ("));
  g_assert_nonnull (strstr (summary, "4 changes requests"));
  g_assert_nonnull (strstr (summary, "1 unknown option"));

  /* A popup type among others is dropped; the others still apply. */
  g_assert_true (lectern_filter_engine_add_rule (engine, "||ads.example^$popup,script",
                                                 LECTERN_FILTER_LIST_EASYLIST, NULL));
  g_assert_true (blocks (engine, "https://ads.example/a.js"));
}

static void
test_redirect (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||ads.example/ads.js$script,redirect=noopjs",
                                                       "||pix.example^$image,redirect-rule=1x1.gif",
                                                       "||vid.example^$mp4",
                                                       "||e.example^$empty",
                                                       NULL);
  g_autoptr(LecternFilterEngine) important = engine_with ("||npttech.example/advertising.js$important,script,redirect=noopjs",
                                                          "@@||npttech.example/advertising.js$script",
                                                          NULL);

  /* A redirected request never reaches its server. */
  g_assert_true (blocks (engine, "https://ads.example/ads.js"));
  g_assert_false (blocks_full (engine, "https://ads.example/ads.js", THIRD_PARTY_PAGE,
                               LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_true (blocks_full (engine, "https://pix.example/p.gif", THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_true (blocks_full (engine, "https://vid.example/v.mp4", THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_MEDIA, NULL));
  g_assert_false (blocks (engine, "https://vid.example/v.js"));
  g_assert_true (blocks (engine, "https://e.example/x"));

  g_assert_true (blocks (important, "https://www.npttech.example/advertising.js"));
}

static void
test_regex (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/^https?:\\/\\/[a-z]{8,15}\\.top\\/[a-z]+\\.js$/$script",
                                                       "/banner[0-9]+/",
                                                       "/\\.example\\/Track\\/[0-9]+/$match-case",
                                                       "@@/banner0+/",
                                                       NULL);
  LecternFilterMatch match;

  g_assert_cmpuint (lectern_filter_engine_get_stats (engine)->regex, ==, 4);

  g_assert_true (blocks_full (engine, "https://abcdefghij.top/loader.js", THIRD_PARTY_PAGE,
                              LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpstr (match.rule, ==, "/^https?:\\/\\/[a-z]{8,15}\\.top\\/[a-z]+\\.js$/$script");
  g_assert_true (blocks (engine, "HTTPS://ABCDEFGHIJ.TOP/LOADER.JS"));
  g_assert_false (blocks (engine, "https://abc.top/loader.js"));
  g_assert_false (blocks (engine, "https://abcdefghij.top/loader.js?x"));
  g_assert_false (blocks_full (engine, "https://abcdefghij.top/loader.js", THIRD_PARTY_PAGE,
                               LECTERN_RESOURCE_IMAGE, NULL));

  /* Not a whole token: found anyway, as the expression has no bounds. */
  g_assert_true (blocks (engine, "https://x.org/img/mybanner12.png"));
  g_assert_false (blocks (engine, "https://x.org/img/banner.png"));
  g_assert_false (blocks (engine, "https://x.org/img/banner000.png"));

  g_assert_true (blocks (engine, "https://cdn.example/Track/12"));
  g_assert_false (blocks (engine, "https://cdn.example/track/12"));
}

static void
test_badfilter (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||ads.example^", "||ads.example^$script", NULL);
  const LecternFilterStats *stats = lectern_filter_engine_get_stats (engine);
  g_autoptr(GError) error = NULL;

  g_assert_true (blocks (engine, "https://ads.example/a.js"));

  /* Takes out exactly the rule it names, even one read before it. */
  g_assert_false (lectern_filter_engine_add_rule (engine, "||ads.example^$script,badfilter",
                                                  LECTERN_FILTER_LIST_OTHER, &error));
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED);
  g_assert_true (blocks (engine, "https://ads.example/a.js"));
  g_assert_cmpuint (stats->rules, ==, 1);
  g_assert_cmpuint (stats->skipped_by[LECTERN_FILTER_SKIP_BADFILTER], ==, 1);
  g_assert_cmpuint (stats->skipped_by[LECTERN_FILTER_SKIP_DISABLED], ==, 1);

  g_assert_false (lectern_filter_engine_add_rule (engine, "||ads.example^$badfilter",
                                                  LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_false (blocks (engine, "https://ads.example/a.js"));
  g_assert_cmpuint (stats->rules, ==, 0);
  g_assert_cmpuint (stats->skipped_by[LECTERN_FILTER_SKIP_DISABLED], ==, 2);

  /* And a rule read after it. */
  g_assert_false (lectern_filter_engine_add_rule (engine, "||late.example^$image,badfilter",
                                                  LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_true (lectern_filter_engine_add_rule (engine, "||late.example^$image",
                                                 LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_false (blocks_full (engine, "https://late.example/a.png", THIRD_PARTY_PAGE,
                               LECTERN_RESOURCE_IMAGE, NULL));
}

static void
test_entity_domains (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("/ads/*$domain=news.*|~shop.news.*",
                                                       "||cdn.example^$to=tracker.*",
                                                       NULL);

  g_assert_true (blocks_full (engine, "https://cdn.example/ads/x", "https://news.co.uk/a",
                              LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_true (blocks_full (engine, "https://cdn.example/ads/x", "https://www.news.com/a",
                              LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://cdn.example/ads/x", "https://shop.news.com/a",
                               LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://cdn.example/ads/x", "https://othernews.com/a",
                               LECTERN_RESOURCE_SCRIPT, NULL));
  /* The entity stands before the public suffix, not before any label. */
  g_assert_false (blocks_full (engine, "https://cdn.example/ads/x", "https://news.example.com/a",
                               LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://cdn.example/ads/x", "https://192.168.0.1/a",
                               LECTERN_RESOURCE_SCRIPT, NULL));
}

static void
test_to_and_denyallow (void)
{
  g_autoptr(LecternFilterEngine) to = engine_with ("*$script,to=ads.example|~ok.ads.example", NULL);
  g_autoptr(LecternFilterEngine) deny = engine_with ("*$script,3p,denyallow=cdn.example|fonts.example,domain=news.example.org",
                                                     NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (blocks (to, "https://ads.example/a.js"));
  g_assert_true (blocks (to, "https://x.ads.example/a.js"));
  g_assert_false (blocks (to, "https://ok.ads.example/a.js"));
  g_assert_false (blocks (to, "https://bads.example/a.js"));

  g_assert_true (blocks (deny, "https://tracker.example/a.js"));
  g_assert_false (blocks (deny, "https://cdn.example/a.js"));
  g_assert_false (blocks (deny, "https://www.fonts.example/a.js"));
  /* First party, and another page. */
  g_assert_false (blocks (deny, "https://static.example.org/a.js"));
  g_assert_false (blocks_full (deny, "https://tracker.example/a.js", "https://other.example/",
                               LECTERN_RESOURCE_SCRIPT, NULL));

  g_assert_false (lectern_filter_engine_add_rule (to, "*$denyallow=~a.example", LECTERN_FILTER_LIST_OTHER, &error));
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX);
}

static void
test_found_by_page (void)
{
  /* No usable token ("https" is in nearly every URL): found by the page's
   * host instead, which must not change what they match. */
  g_autoptr(LecternFilterEngine) engine = engine_with ("|https://$script,third-party,domain=news.example.org|blog.example",
                                                       "$websocket,domain=chat.example",
                                                       "@@|https://$script,domain=ok.news.example.org",
                                                       NULL);

  g_assert_true (blocks_full (engine, "https://cdn.example/a.js", "https://news.example.org/",
                              LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_true (blocks_full (engine, "https://cdn.example/a.js", "https://www.news.example.org/",
                              LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_true (blocks_full (engine, "https://cdn.example/a.js", "https://blog.example/",
                              LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://cdn.example/a.js", "https://ok.news.example.org/",
                               LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://cdn.example/a.js", "https://example.org/",
                               LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://cdn.example/a.js", "https://othernews.example.org/",
                               LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "http://cdn.example/a.js", "https://news.example.org/",
                               LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks_full (engine, "https://cdn.example/a.js", NULL, LECTERN_RESOURCE_SCRIPT, NULL));

  g_assert_true (blocks_full (engine, "wss://x.example/socket", "https://chat.example/",
                              LECTERN_RESOURCE_WEBSOCKET, NULL));
  g_assert_false (blocks_full (engine, "wss://x.example/socket", "https://other.example/",
                               LECTERN_RESOURCE_WEBSOCKET, NULL));
}

static void
test_cosmetic (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with (NULL);
  const char *rules[] = {
    "##.ad",
    "##.sponsor",
    "example.com##.banner",
    "example.com#@#.ad",
    "example.com,~shop.example.com##.promo",
    "news.*##.entity",
    "example.com##+js(set-constant, x, 1)",
    "example.com#?#div:has(> .ad)",
    "~example.com##.elsewhere",
  };
  g_autoptr(GPtrArray) www = NULL;
  g_autoptr(GPtrArray) shop = NULL;
  g_autoptr(GPtrArray) specific = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(GPtrArray) other = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    g_assert_false (lectern_filter_engine_add_rule (engine, rules[i], LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_cmpuint (lectern_filter_engine_get_stats (engine)->cosmetic, ==, G_N_ELEMENTS (rules));

  www = lectern_filter_engine_dup_selectors (engine, "www.example.com", TRUE);
  g_assert_cmpuint (www->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (www, ".sponsor", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (www, ".banner", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (www, ".promo", g_str_equal, NULL));

  shop = lectern_filter_engine_dup_selectors (engine, "shop.example.com", TRUE);
  g_assert_false (g_ptr_array_find_with_equal_func (shop, ".promo", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (shop, ".banner", g_str_equal, NULL));

  specific = lectern_filter_engine_dup_selectors (engine, "example.com", FALSE);
  g_assert_cmpuint (specific->len, ==, 2);

  news = lectern_filter_engine_dup_selectors (engine, "www.news.co.uk", FALSE);
  g_assert_cmpuint (news->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (news, 0), ==, ".entity");

  other = lectern_filter_engine_dup_selectors (engine, "other.org", TRUE);
  g_assert_cmpuint (other->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (other, ".elsewhere", g_str_equal, NULL));

  /* Never a network rule. */
  g_assert_false (blocks (engine, "https://example.com/ad"));
}

static void
test_image (void)
{
  g_autoptr(LecternFilterEngine) built = engine_with ("||ads.example^$script", "/banner/*",
                                                      "@@||ads.example/ok^", "/track[0-9]+/",
                                                      NULL);
  g_autoptr(LecternFilterEngine) loaded = NULL;
  g_autoptr(LecternFilterEngine) broken = NULL;
  g_autoptr(GBytes) image = lectern_filter_engine_dup_image (built);
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) selectors = NULL;
  gconstpointer data;
  guint8 *copy;
  gsize size;

  g_assert_false (lectern_filter_engine_add_rule (built, "example.com##.ad", LECTERN_FILTER_LIST_OTHER, NULL));
  g_clear_pointer (&image, g_bytes_unref);
  image = lectern_filter_engine_dup_image (built);

  loaded = lectern_filter_engine_new_from_image (image, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_assert_cmpuint (lectern_filter_engine_get_stats (loaded)->rules, ==, 4);
  g_assert_true (blocks (loaded, "https://ads.example/a.js"));
  g_assert_false (blocks (loaded, "https://ads.example/ok/a.js"));
  g_assert_true (blocks (loaded, "https://x.org/banner/a.png"));
  g_assert_true (blocks (loaded, "https://x.org/track12"));
  g_assert_false (blocks (loaded, "https://x.org/a.png"));
  selectors = lectern_filter_engine_dup_selectors (loaded, "example.com", FALSE);
  g_assert_cmpuint (selectors->len, ==, 1);

  /* Read-only: its rules are in the image. */
  g_assert_false (lectern_filter_engine_add_rule (loaded, "/x/", LECTERN_FILTER_LIST_OTHER, &error));
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_READ_ONLY);
  g_clear_error (&error);

  truncated = g_bytes_new_from_bytes (image, 0, g_bytes_get_size (image) - 8);
  broken = lectern_filter_engine_new_from_image (truncated, FALSE, &error);
  g_assert_null (broken);
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Two statements: the order of a call's arguments is not defined. */
  data = g_bytes_get_data (image, &size);
  copy = g_memdup2 (data, size);
  copy[0] ^= 0xff;
  flipped = g_bytes_new_take (copy, size);
  broken = lectern_filter_engine_new_from_image (flipped, FALSE, &error);
  g_assert_null (broken);
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_CORRUPT);
}

static void
test_not_network_rules (void)
{
  const char *cosmetic[] = {
    "##.ad-banner",
    "example.com##.ad",
    "example.com#@#.ad",
    "example.com#?#div:has(> .ad)",
    "example.com#$#body { overflow: auto; }",
    "example.com##+js(set-constant, adsbygoogle, true)",
    "example.com#@#+js()",
    "example.com$$script[data-ad]",
  };
  const char *comments[] = {
    "! Title: EasyList",
    "[Adblock Plus 2.0]",
    "# hosts style comment",
  };
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  const LecternFilterStats *stats = lectern_filter_engine_get_stats (engine);

  for (guint i = 0; i < G_N_ELEMENTS (cosmetic); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lectern_filter_engine_add_rule (engine, cosmetic[i], LECTERN_FILTER_LIST_OTHER, &error));
      g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED);
    }
  for (guint i = 0; i < G_N_ELEMENTS (comments); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lectern_filter_engine_add_rule (engine, comments[i], LECTERN_FILTER_LIST_OTHER, &error));
      g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED);
    }

  g_assert_cmpuint (stats->cosmetic, ==, G_N_ELEMENTS (cosmetic));
  g_assert_cmpuint (stats->comments, ==, G_N_ELEMENTS (comments));
  g_assert_cmpuint (stats->rules, ==, 0);
  g_assert_false (blocks (engine, "https://example.com/ad-banner"));
}

static void
test_malformed (void)
{
  const char *malformed[] = {
    "",
    "   ",
    "@@",
    "|",
    "||",
    "*",
    "||ads.example^$",
    "||ads.example^$script,",
    "||ads.example^$domain=",
    "||ads.example^$domain=a.com||b.com",
    "0.0.0.0 ads.example",
    "ads\x01.example",
  };
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  const LecternFilterStats *stats = lectern_filter_engine_get_stats (engine);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lectern_filter_engine_add_rule (engine, malformed[i], LECTERN_FILTER_LIST_OTHER, &error));
      g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX);
    }

  g_assert_cmpuint (stats->invalid, ==, G_N_ELEMENTS (malformed));
  g_assert_cmpuint (stats->rules, ==, 0);
  g_assert_false (blocks (engine, "https://ads.example/"));
}

/* Lists are read as slices of a buffer with no terminating NUL: the last
 * line must be parsed within its length (found by fuzz-filter-parser). */
static void
test_unterminated_list (void)
{
  static const char * const tails[] = { ",;$$+", "example.com##+js", "||a.com^$__", "x$_",
                                        "//$badfilter" };

  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
      gsize len = strlen (tails[i]);
      g_autofree char *buffer = g_malloc (len);
      const LecternFilterStats *stats;

      memcpy (buffer, tails[i], len);
      lectern_filter_engine_add_list (engine, buffer, len, LECTERN_FILTER_LIST_OTHER);
      stats = lectern_filter_engine_get_stats (engine);

      /* One line, counted once, whatever it turned out to be. */
      g_assert_cmpuint (stats->rules + stats->comments + stats->cosmetic + stats->skipped + stats->invalid, ==, 1);
    }
}

static void
test_long_line (void)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  g_autoptr(GString) rule = g_string_new ("||ads.example/");
  g_autoptr(GString) url = g_string_new ("https://ads.example/");
  g_autoptr(GString) domains = g_string_new ("/track/p.gif$domain=");
  LecternFilterMatch match;

  while (rule->len < 10000)
    g_string_append_c (rule, 'a' + rule->len % 26);
  g_assert_true (lectern_filter_engine_add_rule (engine, rule->str, LECTERN_FILTER_LIST_OTHER, NULL));

  /* Longer than the stack buffer for the URL. */
  g_string_append (url, rule->str + strlen ("||ads.example/"));
  g_string_append (url, "?x=1");
  g_assert_true (blocks_full (engine, url->str, THIRD_PARTY_PAGE, LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpstr (match.rule, ==, rule->str);
  url->str[url->len - 10] = '_';
  g_assert_false (blocks (engine, url->str));

  while (domains->len < 10000)
    g_string_append_printf (domains, "site%u.example|", (guint) domains->len);
  g_string_append (domains, "news.example.org");
  g_assert_true (lectern_filter_engine_add_rule (engine, domains->str, LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_true (blocks (engine, "https://cdn.example/track/p.gif"));
  g_assert_false (blocks_full (engine, "https://cdn.example/track/p.gif", "https://other.example/",
                               LECTERN_RESOURCE_IMAGE, NULL));
}

/* A rule with both $domain= and $to= keeps the lists after its text, and
 * the record reaches them in 16 bits: one whose text is longer than that
 * is left out and counted as too long, never kept with a wrong list. */
static void
test_long_options (void)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  const LecternFilterStats *stats = lectern_filter_engine_get_stats (engine);
  g_autoptr(GString) rule = g_string_new ("/track/q.gif$domain=news.example.org,to=cdn.example");
  g_autoptr(GError) error = NULL;
  guint too_long;

  g_assert_true (lectern_filter_engine_add_rule (engine, rule->str, LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_true (blocks (engine, "https://cdn.example/track/q.gif"));
  g_assert_false (blocks (engine, "https://other.example/track/q.gif"));

  g_string_assign (rule, "/track/r.gif$domain=news.example.org,to=cdn.example");
  while (rule->len < 70000)
    g_string_append_printf (rule, "|site%u.example", (guint) rule->len);
  too_long = stats->skipped_by[LECTERN_FILTER_SKIP_TOO_LONG];
  g_assert_false (lectern_filter_engine_add_rule (engine, rule->str, LECTERN_FILTER_LIST_OTHER, &error));
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED);
  g_assert_cmpuint (stats->skipped_by[LECTERN_FILTER_SKIP_TOO_LONG], ==, too_long + 1);
  g_assert_false (blocks (engine, "https://cdn.example/track/r.gif"));
  /* The rule before it is intact. */
  g_assert_true (blocks (engine, "https://cdn.example/track/q.gif"));
}

static void
test_not_a_url (void)
{
  const char *urls[] = {
    "",
    "ads",
    "ads.example/x",
    "not a url at all",
    "https://",
    "https:///ads",
    "://ads.example/",
    "data:text/html,ads",
    "file:///ads/x.js",
    "ht tp://ads.example/",
    "https://[::1/ads",
  };
  g_autoptr(LecternFilterEngine) engine = engine_with ("ads", "*$script,domain=news.example.org", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      LecternFilterMatch match;

      g_assert_false (blocks_full (engine, urls[i], THIRD_PARTY_PAGE, LECTERN_RESOURCE_SCRIPT, &match));
      g_assert_null (match.rule);
      g_assert_false (blocks_full (engine, urls[i], urls[i], LECTERN_RESOURCE_ALL, NULL));
    }

  /* A broken page URL only means there is no page. */
  g_assert_true (blocks_full (engine, "https://cdn.example/ads.js", "garbage", LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_true (blocks_full (engine, "https://[::1]:8080/ads", NULL, LECTERN_RESOURCE_SCRIPT, NULL));
}

static void
test_add_list (void)
{
  const char text[] =
    "\xef\xbb\xbf[Adblock Plus 2.0]\r\n"
    "! Title: test\r\n"
    "\r\n"
    "||ads.example^\r\n"
    "   \n"
    "##.banner\n"
    "||x.example^$csp=default-src 'self'\n"
    "@@||ads.example/ok/\n"
    "bad rule with spaces\n"
    "/track.gif";
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  const LecternFilterStats *stats = lectern_filter_engine_get_stats (engine);
  LecternFilterMatch match;

  lectern_filter_engine_add_list (engine, text, strlen (text), LECTERN_FILTER_LIST_EASYPRIVACY);

  g_assert_cmpuint (stats->rules, ==, 3);
  g_assert_cmpuint (stats->comments, ==, 2);
  g_assert_cmpuint (stats->cosmetic, ==, 1);
  g_assert_cmpuint (stats->skipped, ==, 1);
  g_assert_cmpuint (stats->invalid, ==, 1);

  g_assert_true (blocks_full (engine, "https://ads.example/a", THIRD_PARTY_PAGE, LECTERN_RESOURCE_IMAGE, &match));
  g_assert_cmpstr (match.rule, ==, "||ads.example^");
  g_assert_cmpint (match.list, ==, LECTERN_FILTER_LIST_EASYPRIVACY);
  g_assert_false (blocks (engine, "https://ads.example/ok/a"));
  /* The last line has no newline. */
  g_assert_true (blocks (engine, "https://x.org/track.gif"));

  /* Not nul-terminated: only @length bytes are read. */
  lectern_filter_engine_add_list (engine, "/cut.js\n/never.js", strlen ("/cut.js\n/nev"),
                                  LECTERN_FILTER_LIST_OTHER);
  g_assert_true (blocks (engine, "https://x.org/cut.js"));
  g_assert_true (blocks (engine, "https://x.org/nev"));
  g_assert_false (blocks (engine, "https://x.org/ne"));
}

static void
test_add_file (void)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lectern-filter-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "list.txt", NULL);
  empty = g_build_filename (dir, "empty.txt", NULL);
  missing = g_build_filename (dir, "missing.txt", NULL);

  g_file_set_contents (path, "! list\n||ads.example^\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  g_assert_true (lectern_filter_engine_add_file (engine, path, LECTERN_FILTER_LIST_EASYLIST, &error));
  g_assert_no_error (error);
  g_assert_true (lectern_filter_engine_add_file (engine, empty, LECTERN_FILTER_LIST_EASYLIST, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lectern_filter_engine_get_stats (engine)->rules, ==, 1);
  g_assert_true (blocks (engine, "https://ads.example/"));

  g_assert_false (lectern_filter_engine_add_file (engine, missing, LECTERN_FILTER_LIST_EASYLIST, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "missing.txt"));
  g_clear_error (&error);

  /* A directory is not a list. */
  g_assert_false (lectern_filter_engine_add_file (engine, dir, LECTERN_FILTER_LIST_EASYLIST, &error));
  g_assert_nonnull (error);

  g_unlink (path);
  g_unlink (empty);
  g_rmdir (dir);
}

static void
test_unicode_hosts (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("||bücher.example^",
                                                       "/ads/*$domain=münchen.example",
                                                       NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (blocks (engine, "https://www.xn--bcher-kva.example/x"));

  /* Not UTF-8: left out, never read past its end (found by fuzzing). */
  g_assert_false (lectern_filter_engine_add_rule (engine, "|||ads#.pingpl\xf6\xf6\xf6\xf6" "e",
                                                  LECTERN_FILTER_LIST_OTHER, &error));
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (lectern_filter_engine_add_rule (engine, "/ads/*$domain=a\xf6\xf6.example",
                                                  LECTERN_FILTER_LIST_OTHER, &error));
  g_assert_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED);
  g_assert_true (blocks_full (engine, "https://cdn.example/ads/x", "https://xn--mnchen-3ya.example/",
                              LECTERN_RESOURCE_SCRIPT, NULL));
  g_assert_false (blocks (engine, "https://cdn.example/ads/x"));
}

static void
test_real_lists (void)
{
  const char *dir = g_getenv ("LECTERN_FILTER_LISTS_DIR");
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *easylist = NULL;
  g_autofree char *easyprivacy = NULL;
  const LecternFilterStats *stats;
  LecternFilterMatch match;

  if (dir == NULL)
    {
      g_test_skip ("LECTERN_FILTER_LISTS_DIR is not set");
      return;
    }

  easylist = g_build_filename (dir, "easylist.txt", NULL);
  easyprivacy = g_build_filename (dir, "easyprivacy.txt", NULL);
  if (!g_file_test (easylist, G_FILE_TEST_EXISTS) || !g_file_test (easyprivacy, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The filter lists are not installed");
      return;
    }

  engine = lectern_filter_engine_new ();
  g_assert_true (lectern_filter_engine_add_file (engine, easylist, LECTERN_FILTER_LIST_EASYLIST, &error));
  g_assert_no_error (error);
  g_assert_true (lectern_filter_engine_add_file (engine, easyprivacy, LECTERN_FILTER_LIST_EASYPRIVACY, &error));
  g_assert_no_error (error);

  stats = lectern_filter_engine_get_stats (engine);
  g_test_message ("rules %u, comments %u, cosmetic %u, skipped %u, invalid %u",
                  stats->rules, stats->comments, stats->cosmetic, stats->skipped, stats->invalid);
  g_assert_cmpuint (stats->rules, >, 50000);
  g_assert_cmpuint (stats->cosmetic, >, 1000);
  g_assert_cmpuint (stats->comments, >, 10);
  /* Almost everything in the lists is understood or knowingly skipped. */
  g_assert_cmpuint (stats->invalid, <, 100);

  g_assert_true (blocks_full (engine, "https://www.google-analytics.com/analytics.js",
                              "https://www.example.com/news/story/", LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_nonnull (strstr (match.rule, "google-analytics.com"));
  g_assert_cmpint (match.list, ==, LECTERN_FILTER_LIST_EASYPRIVACY);

  g_assert_true (blocks_full (engine, "https://securepubads.g.doubleclick.net/tag/js/gpt.js",
                              "https://www.example.com/news/story/", LECTERN_RESOURCE_SCRIPT, &match));
  g_assert_cmpint (match.list, ==, LECTERN_FILTER_LIST_EASYLIST);

  g_assert_false (blocks_full (engine, "https://www.example.com/static/site.css",
                               "https://www.example.com/news/story/", LECTERN_RESOURCE_STYLESHEET, &match));
  g_assert_null (match.rule);
  g_assert_false (blocks_full (engine, "https://www.example.com/news/story/",
                               "https://www.example.com/news/story/", LECTERN_RESOURCE_DOCUMENT, NULL));
}

/* A page's host, its $domain= rules and its @@…$document verdict are kept
 * per page between decisions; none of that may leak from one engine, or
 * one compiled state of an engine, to another. */
/* Each thread keeps what the host table said of a host: per engine. */
static void
test_host_kept_per_engine (void)
{
  const char *page = "https://www.example.net/article.html";
  const char *url = "https://cdn.tracker.example/pixel.gif";
  g_autoptr(LecternFilterEngine) site = engine_with ("||tracker.example^", NULL);
  g_autoptr(LecternFilterEngine) host = engine_with ("||cdn.tracker.example^", NULL);
  g_autoptr(LecternFilterEngine) other = engine_with ("||other.example^", NULL);
  LecternFilterMatch match;

  for (guint round = 0; round < 3; round++)
    {
      g_assert_true (blocks_full (site, url, page, LECTERN_RESOURCE_IMAGE, &match));
      g_assert_cmpstr (match.rule, ==, "||tracker.example^");
      g_assert_true (blocks_full (host, url, page, LECTERN_RESOURCE_IMAGE, &match));
      g_assert_cmpstr (match.rule, ==, "||cdn.tracker.example^");
      g_assert_false (blocks_full (other, url, page, LECTERN_RESOURCE_IMAGE, NULL));
      /* Other hosts of the same engines, in between. */
      g_assert_false (blocks_full (site, "https://tracker.example.org/", page, LECTERN_RESOURCE_IMAGE, NULL));
      g_assert_true (blocks_full (other, "https://a.b.other.example/x", page, LECTERN_RESOURCE_IMAGE, &match));
      g_assert_cmpstr (match.rule, ==, "||other.example^");
    }

  /* A rule added after a decision counts for the next one. */
  g_assert_true (lectern_filter_engine_add_rule (other, "||tracker.example^", LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_true (blocks_full (other, url, page, LECTERN_RESOURCE_IMAGE, &match));
  g_assert_cmpstr (match.rule, ==, "||tracker.example^");
}

/* What a host's scheme and host name in the token index is kept per
 * thread: it must depend on the scheme, the byte after the host, the
 * engine, and hold however many of the host's tokens name rules. */
static void
test_host_tokens_kept (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("|http://promo.", ".trk:8080",
                                                      ".a1.x", ".b2.x", ".c3.x", ".d4.x", ".e5.x", ".f6.x",
                                                      ".g7.x", ".h8.example/", NULL);
  g_autoptr(LecternFilterEngine) other = engine_with ("://promo.example.com/", NULL);
  g_autoptr(LecternFilterEngine) fitting = engine_with (".zqtrack-pixel.example/", "/zqtrack/1", NULL);
  const char *many = "http://q.a1.b2.c3.d4.e5.f6.g7.h8.example/x.js";

  for (guint round = 0; round < 3; round++)
    {
      g_assert_false (blocks (engine, "https://promo.example.com/"));
      g_assert_true (blocks (engine, "http://promo.example.com/"));
      g_assert_false (blocks (engine, "https://promo.example.com/"));
      g_assert_true (blocks (other, "https://promo.example.com/"));

      g_assert_false (blocks (engine, "http://www.trk/"));
      g_assert_true (blocks (engine, "http://www.trk:8080/"));
      g_assert_false (blocks (engine, "http://www.trk/:8080/"));

      /* More of the host's tokens name rules than are kept. */
      g_assert_true (blocks (engine, many));
      g_assert_false (blocks (engine, "http://q.a1.b2.c3.d4.e5.f6.g7.h8.example.org/"));

      /* A token whose rules' checks read only the host: kept when one
       * fits it, whatever the path, and left out when none does. */
      g_assert_true (blocks (fitting, "https://a.zqtrack-pixel.example/"));
      g_assert_true (blocks (fitting, "https://a.zqtrack-pixel.example/any/path"));
      g_assert_false (blocks (fitting, "https://a.zqtrack-pixxl.example/"));
      g_assert_false (blocks (fitting, "https://a.zqtrack-pixel.exampl/"));
      g_assert_true (blocks (fitting, "https://b.zqtrack.net/zqtrack/1"));
    }
}

/* What a host's tokens name is kept per host: the rules that fit the
 * bytes around their token, and whether the patterns that read nothing
 * past the host match. What the rest of a rule asks (the page, the
 * party, the type, the end of the URL, the case) is decided for each
 * request. Each rule's token is a long first label, so that the bytes
 * its check reads are the host's. */
static void
test_host_rules_kept (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("://trackerone.zz.test^$third-party",
                                                      "://trackertwo.zz.test^$image",
                                                      "://trackerthree.zz.test/pixel|",
                                                      "://CASECHECK.zz.test^$match-case",
                                                      "://endanchor.zz.test/|",
                                                      "://prefixed.zz.test/p",
                                                      "://wildcardhost*.zz.test^",
                                                      NULL);
  g_autoptr(GString) overflow = g_string_new (NULL);
  g_autoptr(LecternFilterEngine) many = lectern_filter_engine_new ();
  const char *page = "https://www.zz.test/";

  /* More rules fitting the host's token than an entry holds. */
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (overflow, "|https://overflowing.zz.test^$domain=site%u.test\n", i);
  lectern_filter_engine_add_list (many, overflow->str, overflow->len, LECTERN_FILTER_LIST_OTHER);

  for (guint round = 0; round < 3; round++)
    {
      /* The pattern matches for the host: the party still decides. */
      g_assert_true (blocks (engine, "https://trackerone.zz.test/a.js"));
      g_assert_false (blocks_full (engine, "https://trackerone.zz.test/a.js", page, LECTERN_RESOURCE_SCRIPT, NULL));
      g_assert_true (blocks (engine, "https://trackerone.zz.test/b.js"));
      g_assert_true (blocks (engine, "https://trackerone.zz.test"));
      g_assert_false (blocks (engine, "https://trackerone.zz.test.evil.org/a.js"));
      g_assert_false (blocks (engine, "https://trackerone.zz.tes/a.js"));

      /* The type too. */
      g_assert_false (blocks (engine, "https://trackertwo.zz.test/a.js"));
      g_assert_true (blocks_full (engine, "https://trackertwo.zz.test/a.gif", THIRD_PARTY_PAGE,
                                  LECTERN_RESOURCE_IMAGE, NULL));

      /* The end of the URL, which lies past the host. */
      g_assert_true (blocks (engine, "https://trackerthree.zz.test/pixel"));
      g_assert_false (blocks (engine, "https://trackerthree.zz.test/pixel.gif"));
      g_assert_true (blocks (engine, "https://endanchor.zz.test/"));
      g_assert_false (blocks (engine, "https://endanchor.zz.test/x.js"));

      /* The case, which the host's entry does not keep. */
      g_assert_true (blocks (engine, "https://CASECHECK.zz.test/a.js"));
      g_assert_false (blocks (engine, "https://casecheck.zz.test/a.js"));

      /* A pattern that reads one byte past the one after the host. */
      g_assert_true (blocks (engine, "https://prefixed.zz.test/p.js"));
      g_assert_false (blocks (engine, "https://prefixed.zz.test/q.js"));

      /* A pattern with a '*' may match further on. */
      g_assert_false (blocks (engine, "https://wildcardhost.qqqq.test/a"));
      g_assert_true (blocks (engine, "https://wildcardhost.qqqq.test/x.zz.test/"));

      for (guint i = 0; i < 12; i += 5)
        {
          g_autofree char *site = g_strdup_printf ("https://site%u.test/", i);

          g_assert_true (blocks_full (many, "https://overflowing.zz.test/x.js", site, LECTERN_RESOURCE_SCRIPT, NULL));
        }
      g_assert_false (blocks_full (many, "https://overflowing.zz.test/x.js", "https://site12.test/",
                                   LECTERN_RESOURCE_SCRIPT, NULL));
    }
}

static void
test_page_kept_per_engine (void)
{
  const char *page = "https://www.example.net/article.html";
  const char *url = "https://cdn.tracker.example/pixel.gif";
  LecternFilterEngine *allowing = engine_with ("||tracker.example^", "@@||example.net^$document", NULL);
  g_autoptr(LecternFilterEngine) blocking = engine_with ("||tracker.example^", NULL);
  g_autoptr(LecternFilterEngine) by_domain = engine_with ("/pixel.gif$domain=example.net", NULL);
  LecternFilterMatch match;

  g_assert_false (blocks_full (allowing, url, page, LECTERN_RESOURCE_IMAGE, &match));
  g_assert_cmpstr (match.rule, ==, "@@||example.net^$document");
  g_assert_true (blocks_full (blocking, url, page, LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_false (blocks_full (allowing, url, page, LECTERN_RESOURCE_IMAGE, NULL));

  /* An engine made where the old one was freed starts afresh. */
  lectern_filter_engine_free (allowing);
  allowing = engine_with ("||tracker.example^", NULL);
  g_assert_true (blocks_full (allowing, url, page, LECTERN_RESOURCE_IMAGE, NULL));

  /* A rule added after a decision counts for the next one on the page. */
  g_assert_true (lectern_filter_engine_add_rule (allowing, "@@||example.net^$document",
                                                 LECTERN_FILTER_LIST_OTHER, NULL));
  g_assert_false (blocks_full (allowing, url, page, LECTERN_RESOURCE_IMAGE, NULL));

  /* A rule found by the page's host, on this page and not another. */
  g_assert_true (blocks_full (by_domain, url, page, LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_false (blocks_full (by_domain, url, "https://www.example.org/", LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_true (blocks_full (by_domain, url, page, LECTERN_RESOURCE_IMAGE, NULL));

  /* A page whose address starts with the last page's, or is the start
   * of it, is another page. */
  g_assert_false (blocks_full (by_domain, url, "https://www.example.ne", LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_true (blocks_full (by_domain, url, "https://www.example.net", LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_false (blocks_full (by_domain, url, "https://www.example.net.org", LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_true (blocks_full (by_domain, url, "https://www.example.net", LECTERN_RESOURCE_IMAGE, NULL));
  g_assert_false (blocks_full (by_domain, url, "https://www.example.ne", LECTERN_RESOURCE_IMAGE, NULL));

  lectern_filter_engine_free (allowing);
}

/* In a long URL a pattern's literal start is searched for as a whole:
 * every place it is found must still be checked for the rest, '^'
 * included, and the places that fail must not hide a later one. */
static void
test_long_url_search (void)
{
  g_autoptr(LecternFilterEngine) engine = engine_with ("%2Fevent.gif%3F", "ad=^x*done", NULL);
  g_autoptr(GString) url = g_string_new ("https://track.example.net/p?");
  g_autofree char *blocked_url = NULL;
  g_autofree char *missed_url = NULL;
  g_autofree char *late_url = NULL;
  g_autofree char *unfinished_url = NULL;

  /* Kilobytes of encoded data, full of the patterns' first bytes. */
  for (guint i = 0; i < 120; i++)
    g_string_append (url, "%2Fevent%2Egif%3Fad=y&");
  g_assert_cmpuint (url->len, >, 2000);

  missed_url = g_strconcat (url->str, "end", NULL);
  g_assert_false (blocks (engine, missed_url));

  blocked_url = g_strconcat (url->str, "%2Fevent.gif%3Fz", NULL);
  g_assert_true (blocks (engine, blocked_url));

  /* "ad=" is everywhere; only the last is followed by a separator, "x",
   * and later "done". */
  late_url = g_strconcat (url->str, "ad=&x=1&done", NULL);
  g_assert_true (blocks (engine, late_url));
  unfinished_url = g_strconcat (url->str, "ad=&x=1&dome", NULL);
  g_assert_false (blocks (engine, unfinished_url));
}

/* A long $domain= list is kept as a set: it must answer as the list does,
 * entities and exceptions included, before and after a round trip
 * through the compiled image. */
static void
test_long_domain_list (void)
{
  static const char *rule =
    "/ad.gif$domain=a.com|~x.a.com|b.org|shop.*|~evil.shop.*|c.net|d.net|e.net|f.net|g.net|h.net|i.net";
  static const char *only_negated =
    "/px.gif$domain=~a.com|~b.com|~c.com|~d.com|~e.com|~f.com|~g.com|~h.com|~i.com|~j.com";
  static const struct { const char *page; gboolean ad; gboolean px; } cases[] = {
    { "https://www.a.com/", TRUE, FALSE },
    { "https://a.com/", TRUE, FALSE },
    { "https://x.a.com/", FALSE, FALSE },
    { "https://y.x.a.com/", FALSE, FALSE },
    { "https://b.org/", TRUE, TRUE },
    { "https://notb.org/", FALSE, TRUE },
    { "https://shop.co.uk/", TRUE, TRUE },
    { "https://www.shop.de/", TRUE, TRUE },
    { "https://evil.shop.de/", FALSE, TRUE },
    { "https://shopping.de/", FALSE, TRUE },
    { "https://i.net/", TRUE, TRUE },
    { "https://unrelated.com/", FALSE, TRUE },
  };
  g_autoptr(LecternFilterEngine) engine = engine_with (rule, only_negated, NULL);
  g_autoptr(GBytes) image = lectern_filter_engine_dup_image (engine);
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternFilterEngine) loaded = lectern_filter_engine_new_from_image (image, TRUE, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LecternFilterEngine *engines[] = { engine, loaded };

      for (guint e = 0; e < G_N_ELEMENTS (engines); e++)
        {
          LecternFilterMatch match;

          if (blocks_full (engines[e], "https://cdn.example/ad.gif", cases[i].page, LECTERN_RESOURCE_IMAGE, &match) !=
              cases[i].ad)
            g_error ("ad.gif on %s: expected %d", cases[i].page, cases[i].ad);
          if (cases[i].ad)
            g_assert_cmpstr (match.rule, ==, rule);
          if (blocks_full (engines[e], "https://cdn.example/px.gif", cases[i].page, LECTERN_RESOURCE_IMAGE, NULL) !=
              cases[i].px)
            g_error ("px.gif on %s: expected %d", cases[i].page, cases[i].px);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/filter-engine/host-anchor", test_host_anchor);
  g_test_add_func ("/lectern/filter-engine/separator", test_separator);
  g_test_add_func ("/lectern/filter-engine/separator-in-words", test_separator_in_words);
  g_test_add_func ("/lectern/filter-engine/wildcard", test_wildcard);
  g_test_add_func ("/lectern/filter-engine/wildcard-search", test_wildcard_search);
  g_test_add_func ("/lectern/filter-engine/anchors", test_anchors);
  g_test_add_func ("/lectern/filter-engine/token-places", test_token_places);
  g_test_add_func ("/lectern/filter-engine/token-next-byte", test_token_next_byte);
  g_test_add_func ("/lectern/filter-engine/token-bucket", test_token_bucket);
  g_test_add_func ("/lectern/filter-engine/token-bucket-two-bytes", test_token_bucket_two_bytes);
  g_test_add_func ("/lectern/filter-engine/token-surroundings", test_token_surroundings);
  g_test_add_func ("/lectern/filter-engine/token-positions", test_token_positions);
  g_test_add_func ("/lectern/filter-engine/zero-hash-key", test_zero_hash_key);
  g_test_add_func ("/lectern/filter-engine/dirty-empty-slot", test_dirty_empty_slot);
  g_test_add_func ("/lectern/filter-engine/many-tokens", test_many_tokens);
  g_test_add_func ("/lectern/filter-engine/token-blocks", test_token_blocks);
  g_test_add_func ("/lectern/filter-engine/exception-overrides", test_exception_overrides);
  g_test_add_func ("/lectern/filter-engine/important", test_important);
  g_test_add_func ("/lectern/filter-engine/third-party", test_third_party);
  g_test_add_func ("/lectern/filter-engine/types", test_types);
  g_test_add_func ("/lectern/filter-engine/type-sets", test_type_sets);
  g_test_add_func ("/lectern/filter-engine/domain", test_domain);
  g_test_add_func ("/lectern/filter-engine/match-case", test_match_case);
  g_test_add_func ("/lectern/filter-engine/page-exception", test_page_exception);
  g_test_add_func ("/lectern/filter-engine/skipped", test_skipped);
  g_test_add_func ("/lectern/filter-engine/redirect", test_redirect);
  g_test_add_func ("/lectern/filter-engine/regex", test_regex);
  g_test_add_func ("/lectern/filter-engine/badfilter", test_badfilter);
  g_test_add_func ("/lectern/filter-engine/entity-domains", test_entity_domains);
  g_test_add_func ("/lectern/filter-engine/to-and-denyallow", test_to_and_denyallow);
  g_test_add_func ("/lectern/filter-engine/found-by-page", test_found_by_page);
  g_test_add_func ("/lectern/filter-engine/cosmetic", test_cosmetic);
  g_test_add_func ("/lectern/filter-engine/image", test_image);
  g_test_add_func ("/lectern/filter-engine/not-network-rules", test_not_network_rules);
  g_test_add_func ("/lectern/filter-engine/malformed", test_malformed);
  g_test_add_func ("/lectern/filter-engine/long-line", test_long_line);
  g_test_add_func ("/lectern/filter-engine/long-options", test_long_options);
  g_test_add_func ("/lectern/filter-engine/not-a-url", test_not_a_url);
  g_test_add_func ("/lectern/filter-engine/add-list", test_add_list);
  g_test_add_func ("/lectern/filter-engine/add-file", test_add_file);
  g_test_add_func ("/lectern/filter-engine/unicode-hosts", test_unicode_hosts);
  g_test_add_func ("/lectern/filter-engine/real-lists", test_real_lists);
  g_test_add_func ("/lectern/filter-engine/unterminated-list", test_unterminated_list);
  g_test_add_func ("/lectern/filter-engine/page-kept-per-engine", test_page_kept_per_engine);
  g_test_add_func ("/lectern/filter-engine/host-tokens-kept", test_host_tokens_kept);
  g_test_add_func ("/lectern/filter-engine/host-rules-kept", test_host_rules_kept);
  g_test_add_func ("/lectern/filter-engine/host-kept-per-engine", test_host_kept_per_engine);
  g_test_add_func ("/lectern/filter-engine/long-url-search", test_long_url_search);
  g_test_add_func ("/lectern/filter-engine/long-domain-list", test_long_domain_list);

  return g_test_run ();
}
