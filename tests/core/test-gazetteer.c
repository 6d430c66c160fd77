/* test-gazetteer.c — the speaker gazetteer: states, groups, organisations; project entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pl-error.h"
#include "pl-gazetteer.h"
#include "pl-project-statements.h"
#include "pl-segmenter.h"

static JsonArray *
read_table (JsonParser *parser)
{
  const char *source_dir = g_getenv ("PLENARY_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_nonnull (source_dir);
  path = g_build_filename (source_dir, "data", "gazetteer", "gazetteer.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "plenary-gazetteer");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  return json_object_get_array_member (root, "entries");
}

/* The table itself: 193 member states with unique ISO codes, each found by its name. */
static void
test_member_states_in_table (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *entries = read_table (parser);
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();
  guint states = 0;

  g_assert_cmpuint (pl_gazetteer_get_version (gazetteer), ==, 1);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *entity = json_object_get_string_member (entry, "entity");
      const char *iso3;
      const PlGazetteerEntry *found;

      if (g_strcmp0 (json_object_get_string_member (entry, "type"), "member_state") != 0)
        continue;
      states++;
      iso3 = json_object_get_string_member (entry, "iso3");
      g_assert_nonnull (iso3);
      g_assert_cmpuint (strlen (iso3), ==, 3);
      for (guint k = 0; k < 3; k++)
        g_assert_true (g_ascii_isupper (iso3[k]));
      g_assert_true (g_hash_table_add (codes, (gpointer)iso3));
      g_assert_nonnull (json_object_get_string_member (entry, "group"));

      found = pl_gazetteer_lookup (gazetteer, entity);
      g_assert_nonnull (found);
      g_assert_cmpstr (found->entity, ==, entity);
      g_assert_cmpstr (found->iso3, ==, iso3);
      g_assert_cmpint (found->type, ==, PL_ENTITY_TYPE_MEMBER_STATE);

      /* Every alias leads back to its own entity. */
      {
        JsonArray *aliases = json_object_get_array_member (entry, "aliases");

        for (guint a = 0; a < json_array_get_length (aliases); a++)
          {
            const PlGazetteerEntry *alias = pl_gazetteer_lookup (gazetteer, json_array_get_string_element (aliases, a));

            g_assert_nonnull (alias);
            g_assert_cmpstr (alias->entity, ==, entity);
          }
      }
    }

  g_assert_cmpuint (states, ==, 193);
  g_assert_cmpuint (g_hash_table_size (codes), ==, 193);
}

/* Against ../shared/domain/un_regional_groups.csv, when it is there. */
static void
test_member_states_match_domain_list (void)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();
  guint rows = 0;

  if (shared != NULL)
    path = g_build_filename (shared, "domain", "un_regional_groups.csv", NULL);
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    {
      /* A sample instead. */
      const PlGazetteerEntry *entry = pl_gazetteer_lookup (gazetteer, "Kiribati");

      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->iso3, ==, "KIR");
      g_assert_cmpstr (entry->group, ==, "Asia-Pacific");
      g_test_skip ("../shared/domain is not available");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *comma;
      g_autofree char *country = NULL;
      g_autofree char *group = NULL;
      const PlGazetteerEntry *entry;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      comma = strrchr (lines[i], ',');
      g_assert_nonnull (comma);
      country = g_strndup (lines[i], comma - lines[i]);
      group = g_strdup (comma + 1);

      entry = pl_gazetteer_lookup (gazetteer, country);
      g_test_message ("%s", country);
      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->entity, ==, country);
      g_assert_cmpint (entry->type, ==, PL_ENTITY_TYPE_MEMBER_STATE);
      g_assert_cmpstr (entry->group, ==, group);
      rows++;
    }
  g_assert_cmpuint (rows, ==, 193);
}

typedef struct
{
  const char *name;
  const char *entity;
  const char *iso3;
} Alias;

static void
test_aliases (void)
{
  static const Alias aliases[] = {
    { "the United States", "United States of America", "USA" },
    { "United States of America", "United States of America", "USA" },
    { "the USA", "United States of America", "USA" },
    { "the US", "United States of America", "USA" },
    { "USA", "United States of America", "USA" },
    { "U.S.", "United States of America", "USA" },
    { "Türkiye", "Türkiye", "TUR" },
    { "Turkey", "Türkiye", "TUR" },
    { "Czechia", "Czechia", "CZE" },
    { "the Czech Republic", "Czechia", "CZE" },
    { "Republic of Korea", "Republic of Korea", "KOR" },
    { "The Republic of Korea", "Republic of Korea", "KOR" },
    { "South Korea", "Republic of Korea", "KOR" },
    { "Korea", "Republic of Korea", "KOR" },
    { "ROK", "Republic of Korea", "KOR" },
    { "Democratic People's Republic of Korea", "Democratic People's Republic of Korea", "PRK" },
    { "DPRK", "Democratic People's Republic of Korea", "PRK" },
    { "North Korea", "Democratic People's Republic of Korea", "PRK" },
    { "Iran", "Iran (Islamic Republic of)", "IRN" },
    { "Islamic Republic of Iran", "Iran (Islamic Republic of)", "IRN" },
    { "Viet Nam", "Viet Nam", "VNM" },
    { "Vietnam", "Viet Nam", "VNM" },
    { "Russia", "Russian Federation", "RUS" },
    { "Russian Federation", "Russian Federation", "RUS" },
    { "UK", "United Kingdom of Great Britain and Northern Ireland", "GBR" },
    { "United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "GBR" },
    { "Côte d'Ivoire", "Côte d'Ivoire", "CIV" },
    { "Cote d'Ivoire", "Côte d'Ivoire", "CIV" },
    { "Ivory Coast", "Côte d'Ivoire", "CIV" },
    { "Netherlands", "Netherlands (Kingdom of the)", "NLD" },
    { "the Netherlands", "Netherlands (Kingdom of the)", "NLD" },
    { "Kingdom of the Netherlands", "Netherlands (Kingdom of the)", "NLD" },
    { "Syria", "Syrian Arab Republic", "SYR" },
    { "Venezuela", "Venezuela (Bolivarian Republic of)", "VEN" },
    { "Bolivia", "Bolivia (Plurinational State of)", "BOL" },
    { "Tanzania", "United Republic of Tanzania", "TZA" },
    { "Moldova", "Republic of Moldova", "MDA" },
    { "Laos", "Lao People's Democratic Republic", "LAO" },
    { "Lao PDR", "Lao People's Democratic Republic", "LAO" },
    { "Micronesia", "Micronesia (Federated States of)", "FSM" },
    { "Holy See", "Holy See", "VAT" },
    { "State of Palestine", "State of Palestine", "PSE" },
    { "Democratic Republic of the Congo", "Democratic Republic of the Congo", "COD" },
    { "Congo", "Congo", "COG" },
  };
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      const PlGazetteerEntry *entry = pl_gazetteer_lookup (gazetteer, aliases[i].name);

      g_test_message ("%s", aliases[i].name);
      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->entity, ==, aliases[i].entity);
      g_assert_cmpstr (entry->iso3, ==, aliases[i].iso3);
    }
}

typedef struct
{
  const char   *name;
  const char   *entity;
  PlEntityType  type;
} Typed;

static void
test_groups_and_organisations (void)
{
  static const Typed typed[] = {
    { "NAM", "Non-Aligned Movement", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "Non-Aligned Movement", "Non-Aligned Movement", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "G77 and China", "Group of 77 and China", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "Group of 77", "Group of 77 and China", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "African Group", "African Group", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "Arab Group", "Arab Group", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "ASEAN", "Association of Southeast Asian Nations", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "Pacific Islands Forum", "Pacific Islands Forum", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "the Pacific Island Forum", "Pacific Islands Forum", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "CARICOM", "Caribbean Community", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "Nordic countries", "Nordic countries", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "EU member states", "EU member states", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "like-minded States", "Like-minded group", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "Benelux", "Benelux", PL_ENTITY_TYPE_GROUP_OF_STATES },
    { "European Union", "European Union", PL_ENTITY_TYPE_EU },
    { "the EU", "European Union", PL_ENTITY_TYPE_EU },
    { "UNIDIR", "UNIDIR", PL_ENTITY_TYPE_UN_ENTITY },
    { "United Nations Institute for Disarmament Research", "UNIDIR", PL_ENTITY_TYPE_UN_ENTITY },
    { "UNODA", "UNODA", PL_ENTITY_TYPE_UN_ENTITY },
    { "UNODC", "UNODC", PL_ENTITY_TYPE_UN_ENTITY },
    { "ITU", "ITU", PL_ENTITY_TYPE_UN_ENTITY },
    { "International Telecommunication Union", "ITU", PL_ENTITY_TYPE_UN_ENTITY },
    { "OHCHR", "OHCHR", PL_ENTITY_TYPE_UN_ENTITY },
    { "UNDP", "UNDP", PL_ENTITY_TYPE_UN_ENTITY },
    { "UNESCO", "UNESCO", PL_ENTITY_TYPE_UN_ENTITY },
    { "UNICRI", "UNICRI", PL_ENTITY_TYPE_UN_ENTITY },
    { "UN Secretary-General", "UN Secretary-General", PL_ENTITY_TYPE_UN_ENTITY },
    { "Office of Counter-Terrorism", "UNOCT", PL_ENTITY_TYPE_UN_ENTITY },
    { "OSCE", "OSCE", PL_ENTITY_TYPE_IGO },
    { "OAS", "OAS", PL_ENTITY_TYPE_IGO },
    { "AU", "African Union", PL_ENTITY_TYPE_IGO },
    { "African Union", "African Union", PL_ENTITY_TYPE_IGO },
    { "Council of Europe", "Council of Europe", PL_ENTITY_TYPE_IGO },
    { "ASEAN Regional Forum", "ASEAN Regional Forum", PL_ENTITY_TYPE_IGO },
    { "NATO", "NATO", PL_ENTITY_TYPE_IGO },
    { "ICRC", "ICRC", PL_ENTITY_TYPE_IGO },
    { "INTERPOL", "INTERPOL", PL_ENTITY_TYPE_IGO },
    { "OECD", "OECD", PL_ENTITY_TYPE_IGO },
    { "GFCE", "GFCE", PL_ENTITY_TYPE_IGO },
    { "Holy See", "Holy See", PL_ENTITY_TYPE_OBSERVER_STATE },
    { "State of Palestine", "State of Palestine", PL_ENTITY_TYPE_OBSERVER_STATE },
    { "Chair", "Chair", PL_ENTITY_TYPE_CHAIR },
    { "CHAIR", "Chair", PL_ENTITY_TYPE_CHAIR },
    { "Chairperson", "Chair", PL_ENTITY_TYPE_CHAIR },
    { "The Chair", "Chair", PL_ENTITY_TYPE_CHAIR },
    { "Secretariat", "Secretariat", PL_ENTITY_TYPE_SECRETARIAT },
    { "Microsoft", "Microsoft", PL_ENTITY_TYPE_PRIVATE_SECTOR },
  };
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();
  const PlGazetteerEntry *icrc;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      const PlGazetteerEntry *entry = pl_gazetteer_lookup (gazetteer, typed[i].name);

      g_test_message ("%s", typed[i].name);
      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->entity, ==, typed[i].entity);
      g_assert_cmpint (entry->type, ==, typed[i].type);
      if (entry->type != PL_ENTITY_TYPE_OBSERVER_STATE)
        g_assert_null (entry->iso3);
      g_assert_null (entry->group);
    }

  icrc = pl_gazetteer_lookup (gazetteer, "International Committee of the Red Cross");
  g_assert_cmpstr (icrc->note, ==, "humanitarian organisation");
}

static void
test_normalisation (void)
{
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();
  static const char * const same_as_turkey[] = {
    "TÜRKIYE", "turkiye", "türkiye", "the Turkey", "  Türkiye  ", NULL
  };

  for (guint i = 0; same_as_turkey[i] != NULL; i++)
    g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, same_as_turkey[i])->iso3, ==, "TUR");

  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "COTE D’IVOIRE")->iso3, ==, "CIV");
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "the republic of korea")->iso3, ==, "KOR");
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "THE NETHERLANDS")->iso3, ==, "NLD");
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "Sao Tome and Principe")->iso3, ==, "STP");
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "São Tomé and Príncipe")->iso3, ==, "STP");
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "Trinidad & Tobago")->iso3, ==, "TTO");
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "St. Lucia")->iso3, ==, "LCA");

  /* Acronyms only in capitals: "us" and "who" are words. */
  g_assert_null (pl_gazetteer_lookup (gazetteer, "us"));
  g_assert_null (pl_gazetteer_lookup (gazetteer, "who"));
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "WHO")->entity, ==, "WHO");
  g_assert_null (pl_gazetteer_lookup (gazetteer, ""));
  g_assert_null (pl_gazetteer_lookup (gazetteer, "the"));
  g_assert_null (pl_gazetteer_lookup (gazetteer, "Atlantis"));
}

static void
assert_search (const char *text,
               const char *entity,
               const char *matched)
{
  PlGazetteerMatch match = { 0 };
  gboolean found = pl_gazetteer_search (pl_gazetteer_get_default (), text, -1, &match);

  g_test_message ("%s", text);
  if (entity == NULL)
    {
      g_assert_false (found);
      return;
    }
  g_assert_true (found);
  g_assert_cmpstr (match.entry->entity, ==, entity);
  g_assert_cmpuint (match.end - match.start, ==, strlen (matched));
  g_assert_cmpmem (text + match.start, match.end - match.start, matched, strlen (matched));
}

static void
test_search (void)
{
  assert_search ("Then the Democratic People's Republic of Korea said", "Democratic People's Republic of Korea",
                 "Democratic People's Republic of Korea");
  assert_search ("the representative of the Republic of Korea", "Republic of Korea", "Republic of Korea");
  assert_search ("Japan's representative said", "Japan", "Japan");
  assert_search ("Côte d’Ivoire’s delegate", "Côte d'Ivoire", "Côte d’Ivoire");
  assert_search ("of the Democratic Republic of the Congo and", "Democratic Republic of the Congo",
                 "Democratic Republic of the Congo");
  assert_search ("from Papua New Guinea today", "Papua New Guinea", "Papua New Guinea");
  assert_search ("the United Kingdom of Great Britain and Northern Ireland",
                 "United Kingdom of Great Britain and Northern Ireland",
                 "United Kingdom of Great Britain and Northern Ireland");
  assert_search ("the U.S. delegation", "United States of America", "U.S.");
  assert_search ("others to join us in this", NULL, NULL);
  assert_search ("those who attack hospitals", NULL, NULL);
  assert_search ("", NULL, NULL);
}

static void
test_adjectives (void)
{
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();

  g_assert_cmpstr (pl_gazetteer_lookup_adjective (gazetteer, "Japanese")->iso3, ==, "JPN");
  g_assert_cmpstr (pl_gazetteer_lookup_adjective (gazetteer, "French")->iso3, ==, "FRA");
  g_assert_cmpstr (pl_gazetteer_lookup_adjective (gazetteer, "Dutch")->iso3, ==, "NLD");
  g_assert_cmpstr (pl_gazetteer_lookup_adjective (gazetteer, "South African")->iso3, ==, "ZAF");
  g_assert_null (pl_gazetteer_lookup_adjective (gazetteer, "Japan"));
  g_assert_null (pl_gazetteer_lookup (gazetteer, "Japanese"));
}

static void
test_cues (void)
{
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();

  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Stanford University"), ==, PL_ENTITY_TYPE_ACADEMIA);
  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Institute for Security Studies"), ==, PL_ENTITY_TYPE_ACADEMIA);
  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Open Networks Foundation"), ==, PL_ENTITY_TYPE_NGO);
  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Centre for Cyber Policy"), ==, PL_ENTITY_TYPE_NGO);
  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Acme Systems Inc."), ==, PL_ENTITY_TYPE_PRIVATE_SECTOR);
  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Acme Ltd"), ==, PL_ENTITY_TYPE_PRIVATE_SECTOR);
  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Blue Lantern"), ==, PL_ENTITY_TYPE_UNKNOWN);
  /* A cue is a whole word. */
  g_assert_cmpint (pl_gazetteer_guess_type (gazetteer, "Universityville Partners"), ==, PL_ENTITY_TYPE_UNKNOWN);
}

static void
test_entity_types_round_trip (void)
{
  for (PlEntityType type = PL_ENTITY_TYPE_UNKNOWN; type <= PL_ENTITY_TYPE_SECRETARIAT; type++)
    {
      PlEntityType parsed;

      g_assert_true (pl_entity_type_from_string (pl_entity_type_to_string (type), &parsed));
      g_assert_cmpint (parsed, ==, type);
    }
  g_assert_cmpstr (pl_entity_type_to_string (PL_ENTITY_TYPE_GROUP_OF_STATES), ==, "group_of_states");
  g_assert_false (pl_entity_type_from_string ("state", &(PlEntityType) { 0 }));
  g_assert_false (pl_entity_type_from_string (NULL, &(PlEntityType) { 0 }));
}

static void
test_list_names (void)
{
  g_autoptr(GPtrArray) names = pl_gazetteer_list_names (pl_gazetteer_get_default ());
  gboolean turkiye = FALSE;

  g_assert_cmpuint (names->len, >, 600);
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (g_ptr_array_index (names, i - 1), g_ptr_array_index (names, i)), <=, 0);
      turkiye = turkiye || g_str_equal (g_ptr_array_index (names, i), "Türkiye");
    }
  g_assert_true (turkiye);
}

static void
test_layered (void)
{
  g_autoptr(PlGazetteer) layered = pl_gazetteer_new_layered (pl_gazetteer_get_default ());
  PlGazetteerMatch match;

  pl_gazetteer_add_entry (layered, "Ambassador Halvorsen", "Chair", PL_ENTITY_TYPE_CHAIR, NULL, NULL);
  pl_gazetteer_add_entry (layered, "Korea", "Democratic People's Republic of Korea",
                          PL_ENTITY_TYPE_MEMBER_STATE, "PRK", "Asia-Pacific");

  g_assert_cmpint (pl_gazetteer_lookup (layered, "ambassador halvorsen")->type, ==, PL_ENTITY_TYPE_CHAIR);
  g_assert_cmpstr (pl_gazetteer_lookup (layered, "Korea")->iso3, ==, "PRK");
  g_assert_cmpstr (pl_gazetteer_lookup (layered, "Japan")->iso3, ==, "JPN");
  g_assert_true (pl_gazetteer_search (layered, "We thank Ambassador Halvorsen warmly", -1, &match));
  g_assert_cmpint (match.entry->type, ==, PL_ENTITY_TYPE_CHAIR);
  g_assert_true (pl_gazetteer_search (layered, "Korea's view", -1, &match));
  g_assert_cmpstr (match.entry->iso3, ==, "PRK");

  /* The built-in table is untouched. */
  g_assert_cmpstr (pl_gazetteer_lookup (pl_gazetteer_get_default (), "Korea")->iso3, ==, "KOR");
  g_assert_null (pl_gazetteer_lookup (pl_gazetteer_get_default (), "Ambassador Halvorsen"));
}

/* A name that begins the text, after "the": the longest; nothing when another word comes
 * first. */
static void
test_match_prefix (void)
{
  PlGazetteer *gazetteer = pl_gazetteer_get_default ();
  PlGazetteerMatch match;
  const char *text = "the Democratic People's Republic of Korea said";

  g_assert_true (pl_gazetteer_match_prefix (gazetteer, text, -1, &match));
  g_assert_cmpstr (match.entry->iso3, ==, "PRK");
  g_assert_cmpuint (match.start, ==, 4);
  g_assert_cmpuint (match.end, ==, strlen ("the Democratic People's Republic of Korea"));
  g_assert_true (pl_gazetteer_match_prefix (gazetteer, "  Japan’s delegate", -1, &match));
  g_assert_cmpstr (match.entry->entity, ==, "Japan");
  g_assert_true (pl_gazetteer_match_prefix (gazetteer, "U.S. lead", -1, &match));
  g_assert_cmpstr (match.entry->iso3, ==, "USA");
  g_assert_true (pl_gazetteer_match_prefix (gazetteer, "Türkiye said", -1, &match));
  g_assert_cmpstr (match.entry->iso3, ==, "TUR");
  g_assert_false (pl_gazetteer_match_prefix (gazetteer, "The representative of Japan", -1, &match));
  g_assert_false (pl_gazetteer_match_prefix (gazetteer, "“Japan”", -1, &match));
  g_assert_false (pl_gazetteer_match_prefix (gazetteer, "us and them", -1, &match));
  g_assert_false (pl_gazetteer_match_prefix (gazetteer, "", -1, &match));
  /* Only the first bytes count. */
  g_assert_false (pl_gazetteer_match_prefix (gazetteer, "Japan", 3, &match));
}

/* Persons: by the whole name or by a surname that is not shared; a project's persons
 * before the built-in ones; an unknown entity refused. */
static void
test_persons (void)
{
  PlGazetteer *builtin = pl_gazetteer_get_default ();
  g_autoptr(PlGazetteer) layered = pl_gazetteer_new_layered (builtin);
  const PlGazetteerPerson *person;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlGazetteer) table = NULL;

  person = pl_gazetteer_lookup_person (builtin, "Izumi Nakamitsu");
  g_assert_nonnull (person);
  g_assert_cmpstr (person->entry->entity, ==, "UNODA");
  g_assert_nonnull (person->role);
  g_assert_true (pl_gazetteer_lookup_person (builtin, "nakamitsu") == person);
  g_assert_cmpstr (pl_gazetteer_lookup_person (builtin, "Antonio Guterres")->entry->entity, ==, "UN Secretary-General");
  g_assert_cmpint (pl_gazetteer_lookup_person (builtin, "Gafoor")->entry->type, ==, PL_ENTITY_TYPE_CHAIR);
  g_assert_null (pl_gazetteer_lookup_person (builtin, "Nobody Known"));
  g_assert_null (pl_gazetteer_lookup_person (builtin, "Izumi Smith"));

  g_assert_true (pl_gazetteer_add_person (layered, "Adaeze Okonkwo", "Ambassador", "Nigeria"));
  g_assert_true (pl_gazetteer_add_person (layered, "Chidi Okonkwo", NULL, "Ghana"));
  g_assert_true (pl_gazetteer_add_person (layered, "Lena Nakamitsu", NULL, "Japan"));
  g_assert_false (pl_gazetteer_add_person (layered, "Someone", NULL, "Atlantis"));
  g_assert_cmpstr (pl_gazetteer_lookup_person (layered, "Adaeze Okonkwo")->entry->iso3, ==, "NGA");
  g_assert_cmpstr (pl_gazetteer_lookup_person (layered, "Chidi Okonkwo")->entry->iso3, ==, "GHA");
  /* Two Okonkwos in one layer: the surname alone names neither. */
  g_assert_null (pl_gazetteer_lookup_person (layered, "Okonkwo"));
  /* The project's Nakamitsu hides the built-in one's surname. */
  g_assert_cmpstr (pl_gazetteer_lookup_person (layered, "Nakamitsu")->entry->iso3, ==, "JPN");
  g_assert_cmpstr (pl_gazetteer_lookup_person (layered, "Izumi Nakamitsu")->entry->entity, ==, "UNODA");
  g_assert_null (pl_gazetteer_lookup_person (builtin, "Okonkwo"));

  /* In a table: a person whose entity the table does not have is refused. */
  table = pl_gazetteer_new_from_data ("{\"format\": \"plenary-gazetteer\", \"version\": 1, \"entries\": "
                                      "[{\"entity\": \"Ruritania\", \"type\": \"member_state\"}], "
                                      "\"persons\": [{\"name\": \"Rudolf Rassendyll\", \"entity\": \"Ruritania\", "
                                      "\"aliases\": [\"Rudolf V\"]}]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_gazetteer_lookup_person (table, "rudolf v")->name, ==, "Rudolf Rassendyll");
  g_assert_null (pl_gazetteer_new_from_data ("{\"format\": \"plenary-gazetteer\", \"version\": 1, \"entries\": [], "
                                             "\"persons\": [{\"name\": \"X\", \"entity\": \"Nowhere\"}]}", -1, &error));
  g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED);
}

static void
test_malformed_tables (void)
{
  static const char * const bad[] = {
    "not json",
    "[]",
    "{\"format\": \"something-else\", \"version\": 1, \"entries\": []}",
    "{\"format\": \"plenary-gazetteer\", \"entries\": []}",
    "{\"format\": \"plenary-gazetteer\", \"version\": 1}",
    "{\"format\": \"plenary-gazetteer\", \"version\": 1, \"entries\": [{\"type\": \"eu\"}]}",
    "{\"format\": \"plenary-gazetteer\", \"version\": 1, \"entries\": [{\"entity\": \"X\", \"type\": \"planet\"}]}",
    "{\"format\": \"plenary-gazetteer\", \"version\": 1, \"entries\": [{\"entity\": \"X\", \"type\": \"eu\", \"aliases\": \"X\"}]}",
  };
  const char *newer = "{\"format\": \"plenary-gazetteer\", \"version\": 2, \"entries\": []}";
  const char *good = "{\"format\": \"plenary-gazetteer\", \"version\": 1, \"entries\": "
                     "[{\"entity\": \"Ruritania\", \"type\": \"member_state\", \"iso3\": \"RUR\", "
                     "\"aliases\": [\"Ruritania\", \"RR\"], \"adjectives\": [\"Ruritanian\"]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlGazetteer) gazetteer = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PlGazetteer) none = pl_gazetteer_new_from_data (bad[i], -1, &error);

      g_assert_null (none);
      g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED);
      g_clear_error (&error);
    }

  g_assert_null (pl_gazetteer_new_from_data (newer, -1, &error));
  g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  gazetteer = pl_gazetteer_new_from_data (good, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_gazetteer_lookup (gazetteer, "RR")->iso3, ==, "RUR");
  g_assert_cmpstr (pl_gazetteer_lookup_adjective (gazetteer, "ruritanian")->entity, ==, "Ruritania");
  g_assert_null (pl_gazetteer_lookup (gazetteer, "Japan"));
}

/* Project entries: stored, override the built-ins, undoable, survive reopening. */

typedef struct
{
  char      *dir;
  char      *path;
  PlProject *project;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("plenary-gazetteer-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.plenary", NULL);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->project);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static const char *
iso3_of (PlProject  *project,
         const char *name)
{
  const PlGazetteerEntry *entry = pl_gazetteer_lookup (pl_project_get_gazetteer (project), name);

  return entry != NULL ? entry->iso3 : NULL;
}

static void
test_project_entries (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  PlDocument *document;
  const PlGazetteerEntry *entry;

  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "KOR");
  g_assert_null (pl_gazetteer_lookup (pl_project_get_gazetteer (f->project), "Ambassador Halvorsen"));

  g_assert_true (pl_project_add_gazetteer_entry (f->project,
                                                 &(PlGazetteerEntrySpec) { "Korea",
                                                                           "Democratic People's Republic of Korea",
                                                                           PL_ENTITY_TYPE_MEMBER_STATE, "PRK",
                                                                           "Asia-Pacific" },
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_add_gazetteer_entry (f->project,
                                                 &(PlGazetteerEntrySpec) { "Ambassador Halvorsen", "Chair",
                                                                           PL_ENTITY_TYPE_CHAIR, NULL, NULL },
                                                 &error));
  g_assert_no_error (error);

  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "PRK");
  entry = pl_gazetteer_lookup (pl_project_get_gazetteer (f->project), "Ambassador Halvorsen");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->type, ==, PL_ENTITY_TYPE_CHAIR);

  /* New documents are segmented with the project's entries. */
  document = pl_project_add_document (f->project, "Transcript",
                                      "Ambassador Halvorsen\nWelcome back.\n\nKorea\nThank you.\n", NULL, &error);
  g_assert_no_error (error);
  statements = pl_project_list_statements (f->project, pl_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 2);
  g_assert_cmpstr (((PlStatement *)g_ptr_array_index (statements, 0))->entity_type, ==, "chair");
  g_assert_cmpstr (((PlStatement *)g_ptr_array_index (statements, 1))->iso3, ==, "PRK");

  /* Replacing an entry, then undoing the replacement. */
  g_assert_true (pl_project_add_gazetteer_entry (f->project,
                                                 &(PlGazetteerEntrySpec) { "Korea", "Republic of Korea",
                                                                           PL_ENTITY_TYPE_MEMBER_STATE, "KOR",
                                                                           "Asia-Pacific" },
                                                 &error));
  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "KOR");
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "PRK");

  /* Undo the Chair entry, and the first Korea entry: the built-ins again. */
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_null (pl_gazetteer_lookup (pl_project_get_gazetteer (f->project), "Ambassador Halvorsen"));
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "KOR");

  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "PRK");

  /* Removing, and undoing the removal. */
  g_assert_true (pl_project_remove_gazetteer_entry (f->project, "Korea", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "KOR");
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "PRK");

  /* Stored in the file. */
  g_clear_object (&f->project);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (iso3_of (f->project, "Korea"), ==, "PRK");
}

static void
test_project_entries_refused (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pl_project_add_gazetteer_entry (f->project,
                                                  &(PlGazetteerEntrySpec) { "  ", "Japan",
                                                                            PL_ENTITY_TYPE_MEMBER_STATE, NULL,
                                                                            NULL },
                                                  &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (pl_project_add_gazetteer_entry (f->project,
                                                  &(PlGazetteerEntrySpec) { "Nippon", "",
                                                                            PL_ENTITY_TYPE_MEMBER_STATE, NULL,
                                                                            NULL },
                                                  &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (pl_project_add_gazetteer_entry (f->project,
                                                  &(PlGazetteerEntrySpec) { "Nippon", "Japan",
                                                                            PL_ENTITY_TYPE_MEMBER_STATE, "jp",
                                                                            NULL },
                                                  &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (pl_project_remove_gazetteer_entry (f->project, "Nippon", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing was recorded. */
  g_assert_false (pl_project_can_undo (f->project));
  g_assert_null (pl_gazetteer_lookup (pl_project_get_gazetteer (f->project), "Nippon"));
}

/* A name the project remembers for another entity is a person the segmenter then knows by
 * surname, in documents imported afterwards. */
static void
test_project_persons (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  PlDocument *document;
  PlStatement *statement;

  g_assert_true (pl_project_add_gazetteer_entry (f->project,
                                                 &(PlGazetteerEntrySpec) { "Tomas Eriksen", "Norway",
                                                                           PL_ENTITY_TYPE_MEMBER_STATE, "NOR",
                                                                           "Western European and others" },
                                                 &error));
  g_assert_no_error (error);
  document = pl_project_add_document (f->project, "Report",
                                      "Eriksen said that supply chains needed common standards.\n",
                                      NULL, &error);
  g_assert_no_error (error);
  statements = pl_project_list_statements (f->project, pl_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 1);
  statement = g_ptr_array_index (statements, 0);
  g_assert_cmpstr (statement->iso3, ==, "NOR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gazetteer/member-states-in-table", test_member_states_in_table);
  g_test_add_func ("/gazetteer/member-states-match-domain-list", test_member_states_match_domain_list);
  g_test_add_func ("/gazetteer/aliases", test_aliases);
  g_test_add_func ("/gazetteer/groups-and-organisations", test_groups_and_organisations);
  g_test_add_func ("/gazetteer/normalisation", test_normalisation);
  g_test_add_func ("/gazetteer/search", test_search);
  g_test_add_func ("/gazetteer/adjectives", test_adjectives);
  g_test_add_func ("/gazetteer/cues", test_cues);
  g_test_add_func ("/gazetteer/entity-types-round-trip", test_entity_types_round_trip);
  g_test_add_func ("/gazetteer/list-names", test_list_names);
  g_test_add_func ("/gazetteer/layered", test_layered);
  g_test_add_func ("/gazetteer/match-prefix", test_match_prefix);
  g_test_add_func ("/gazetteer/persons", test_persons);
  g_test_add_func ("/gazetteer/malformed-tables", test_malformed_tables);
  g_test_add ("/gazetteer/project-entries", Fixture, NULL, fixture_set_up, test_project_entries, fixture_tear_down);
  g_test_add ("/gazetteer/project-persons", Fixture, NULL, fixture_set_up, test_project_persons, fixture_tear_down);
  g_test_add ("/gazetteer/project-entries-refused", Fixture, NULL, fixture_set_up,
              test_project_entries_refused, fixture_tear_down);

  return g_test_run ();
}
