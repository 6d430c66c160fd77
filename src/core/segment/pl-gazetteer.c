/* pl-gazetteer.c — who speaks at the UN: names of states, groups and organisations
 *
 * Names are stored under a normalised key: words (letters, digits, marks, inner
 * apostrophes and hyphens) lowered and stripped of accents, joined by single spaces, full
 * stops dropped, "&" read as "and", a leading "the" removed.  Searching a text tokenises it
 * the same way once, then tries, at each word that begins some name (a hash of first
 * words with the longest name starting there), the longest run of words first: the cost
 * is one hash probe per word plus a few per candidate, whatever the size of the table.
 *
 * Persons are kept by the key of their whole name and by the key of its last word (their
 * surname); a surname two persons of one layer share finds neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-gazetteer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pl-core-resources.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-gazetteer.h"
#include "pl-gazetteer-private.h"

#define BUILTIN_RESOURCE "/io/github/plenary/Plenary/core/gazetteer/gazetteer.json"
#define FORMAT_NAME "plenary-gazetteer"
#define FORMAT_VERSION 1

static const char *entity_type_names[] = {
  [PL_ENTITY_TYPE_UNKNOWN] = "unknown",
  [PL_ENTITY_TYPE_MEMBER_STATE] = "member_state",
  [PL_ENTITY_TYPE_OBSERVER_STATE] = "observer_state",
  [PL_ENTITY_TYPE_GROUP_OF_STATES] = "group_of_states",
  [PL_ENTITY_TYPE_EU] = "eu",
  [PL_ENTITY_TYPE_IGO] = "igo",
  [PL_ENTITY_TYPE_UN_ENTITY] = "un_entity",
  [PL_ENTITY_TYPE_NGO] = "ngo",
  [PL_ENTITY_TYPE_ACADEMIA] = "academia",
  [PL_ENTITY_TYPE_PRIVATE_SECTOR] = "private_sector",
  [PL_ENTITY_TYPE_CHAIR] = "chair",
  [PL_ENTITY_TYPE_SECRETARIAT] = "secretariat",
};

const char *
pl_entity_type_to_string (PlEntityType type)
{
  g_return_val_if_fail ((guint)type < G_N_ELEMENTS (entity_type_names), "unknown");
  return entity_type_names[type];
}

gboolean
pl_entity_type_from_string (const char   *string,
                            PlEntityType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (entity_type_names); i++)
    if (g_str_equal (string, entity_type_names[i]))
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

typedef struct
{
  PlGazetteerEntry  public;
  char             *strings[4];   /* what public points into */
} Entry;

typedef struct
{
  const Entry *entry;
  char        *written;       /* the name as the table spells it */
  gboolean     needs_upper;   /* an acronym */
} Name;

typedef struct
{
  char         *word;
  PlEntityType  type;
} Cue;

typedef struct
{
  PlGazetteerPerson  public;
  char              *strings[2];   /* what public points into */
} Person;

/* The value of a surname that more than one person of a layer has. */
#define AMBIGUOUS ((Person *)&ambiguous_surname)
static const char ambiguous_surname = 0;

struct _PlGazetteer
{
  GObject      parent_instance;

  PlGazetteer *base;
  guint        version;
  GPtrArray   *entries;       /* Entry */
  GHashTable  *names;         /* key → Name */
  GHashTable  *adjectives;    /* key → Name */
  GHashTable  *first_words;   /* first word of a key → longest key in words */
  GArray      *cues;          /* Cue */
  GPtrArray   *persons;       /* Person */
  GHashTable  *person_names;  /* key of a whole name → Person */
  GHashTable  *surnames;      /* key of a surname → Person, or AMBIGUOUS */
};

G_DEFINE_FINAL_TYPE (PlGazetteer, pl_gazetteer, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry->strings); i++)
    g_free (entry->strings[i]);
  g_free (entry);
}

static void
name_free (Name *name)
{
  g_free (name->written);
  g_free (name);
}

static void
cue_clear (Cue *cue)
{
  g_free (cue->word);
}

static void
person_free (Person *person)
{
  for (guint i = 0; i < G_N_ELEMENTS (person->strings); i++)
    g_free (person->strings[i]);
  g_free (person);
}

static void
pl_gazetteer_finalize (GObject *object)
{
  PlGazetteer *self = (PlGazetteer *)object;

  g_clear_object (&self->base);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->adjectives, g_hash_table_unref);
  g_clear_pointer (&self->first_words, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->cues, g_array_unref);
  g_clear_pointer (&self->person_names, g_hash_table_unref);
  g_clear_pointer (&self->surnames, g_hash_table_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_gazetteer_parent_class)->finalize (object);
}

static void
pl_gazetteer_class_init (PlGazetteerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_gazetteer_finalize;
}

static void
pl_gazetteer_init (PlGazetteer *self)
{
  self->version = FORMAT_VERSION;
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)name_free);
  self->adjectives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)name_free);
  self->first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cues = g_array_new (FALSE, TRUE, sizeof (Cue));
  g_array_set_clear_func (self->cues, (GDestroyNotify)cue_clear);
  self->persons = g_ptr_array_new_with_free_func ((GDestroyNotify)person_free);
  self->person_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
insert_name (PlGazetteer *self,
             GHashTable  *table,
             const char  *written,
             const Entry *entry,
             gboolean     index_first_word)
{
  g_autofree char *key = NULL;
  gboolean acronym = pl_gazetteer_is_acronym (written);
  guint n_words;
  Name *name;

  key = pl_gazetteer_dup_key (written, &n_words, NULL);
  if (key[0] == '\0')
    return;

  name = g_hash_table_lookup (table, key);
  if (name != NULL && name->entry == entry)
    {
      /* "NATO" and "Nato": written both ways, so any case will do. */
      name->needs_upper = name->needs_upper && acronym;
      return;
    }

  name = g_new0 (Name, 1);
  name->entry = entry;
  name->written = g_strdup (written);
  name->needs_upper = acronym;

  if (index_first_word)
    {
      const char *space = strchr (key, ' ');
      g_autofree char *first = g_strndup (key, space != NULL ? (gsize)(space - key) : strlen (key));
      guint longest = GPOINTER_TO_UINT (g_hash_table_lookup (self->first_words, first));

      if (n_words > longest)
        g_hash_table_replace (self->first_words, g_steal_pointer (&first), GUINT_TO_POINTER (n_words));
    }

  g_hash_table_replace (table, g_steal_pointer (&key), name);
}

static Entry *
add_entry (PlGazetteer  *self,
           const char   *entity,
           PlEntityType  type,
           const char   *iso3,
           const char   *group,
           const char   *note)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->strings[0] = g_strdup (entity);
  entry->strings[1] = iso3 != NULL && iso3[0] != '\0' ? g_strdup (iso3) : NULL;
  entry->strings[2] = group != NULL && group[0] != '\0' ? g_strdup (group) : NULL;
  entry->strings[3] = note != NULL && note[0] != '\0' ? g_strdup (note) : NULL;
  entry->public.entity = entry->strings[0];
  entry->public.type = type;
  entry->public.iso3 = entry->strings[1];
  entry->public.group = entry->strings[2];
  entry->public.note = entry->strings[3];
  g_ptr_array_add (self->entries, entry);
  return entry;
}

/* Adds @person under its whole name and under its surname. */
static void
insert_person (PlGazetteer *self,
               const char  *written,
               Person      *person)
{
  g_autofree char *key = pl_gazetteer_dup_key (written, NULL, NULL);
  const char *space;
  const char *surname;
  Person *known;

  if (key[0] == '\0')
    return;

  space = strrchr (key, ' ');
  surname = space != NULL ? space + 1 : key;
  known = g_hash_table_lookup (self->surnames, surname);
  if (known == NULL || known == person)
    g_hash_table_replace (self->surnames, g_strdup (surname), person);
  else if (g_strcmp0 (known->public.name, person->public.name) != 0)
    g_hash_table_replace (self->surnames, g_strdup (surname), AMBIGUOUS);

  g_hash_table_replace (self->person_names, g_steal_pointer (&key), person);
}

static Person *
add_person (PlGazetteer            *self,
            const char             *name,
            const char             *role,
            const PlGazetteerEntry *entry)
{
  Person *person = g_new0 (Person, 1);

  person->strings[0] = g_strdup (name);
  person->strings[1] = role != NULL && role[0] != '\0' ? g_strdup (role) : NULL;
  person->public.name = person->strings[0];
  person->public.role = person->strings[1];
  person->public.entry = entry;
  g_ptr_array_add (self->persons, person);
  insert_person (self, name, person);
  return person;
}

/* Loading */

static gboolean
set_malformed (GError     **error,
               const char  *detail)
{
  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
               _("The speaker gazetteer is not valid: %s"), detail);
  return FALSE;
}

/* An entry's "aliases" (names, indexed by first word too) or "adjectives" ("French"). */
static gboolean
add_names (PlGazetteer  *self,
           JsonObject   *object,
           const char   *member,
           const Entry  *entry,
           GError      **error)
{
  gboolean adjectives = g_str_equal (member, "adjectives");
  GHashTable *table = adjectives ? self->adjectives : self->names;
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_malformed (error, member);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return set_malformed (error, member);
      insert_name (self, table, json_node_get_string (element), entry, !adjectives);
    }
  return TRUE;
}

/* "persons": [{"name": …, "entity": …, "role": …, "aliases": […]}], after the entries
 * they refer to. */
static gboolean
load_persons (PlGazetteer  *self,
              JsonNode     *node,
              GError      **error)
{
  JsonArray *persons;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_malformed (error, "persons");
  persons = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (persons); i++)
    {
      JsonNode *element = json_array_get_element (persons, i);
      JsonObject *object;
      const char *name;
      const PlGazetteerEntry *entry;
      JsonArray *aliases;
      Person *person;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return set_malformed (error, _("a person is not an object"));
      object = json_node_get_object (element);
      name = pl_json_member_string (object, "name");
      if (name == NULL || name[0] == '\0')
        return set_malformed (error, _("a person has no name"));
      entry = pl_json_member_string (object, "entity") != NULL
              ? pl_gazetteer_lookup (self, pl_json_member_string (object, "entity")) : NULL;
      if (entry == NULL)
        return set_malformed (error, name);

      person = add_person (self, name, pl_json_member_string (object, "role"), entry);
      aliases = pl_json_member_array (object, "aliases");
      for (guint k = 0; aliases != NULL && k < json_array_get_length (aliases); k++)
        {
          const char *alias = json_array_get_string_element (aliases, k);

          if (alias == NULL)
            return set_malformed (error, name);
          insert_person (self, alias, person);
        }
    }
  return TRUE;
}

static gboolean
load_json (PlGazetteer  *self,
           const char   *data,
           gssize        length,
           GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *entries;
  gint64 version;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return set_malformed (error, local_error->message);

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return set_malformed (error, _("the document is not a JSON object"));
  root = json_node_get_object (node);

  if (g_strcmp0 (pl_json_member_string (root, "format"), FORMAT_NAME) != 0)
    return set_malformed (error, _("it is not a Plenary gazetteer"));

  version = json_object_get_int_member_with_default (root, "version", 0);
  if (version < 1)
    return set_malformed (error, _("it has no version"));
  if (version > FORMAT_VERSION)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("The speaker gazetteer was made for a newer version of Plenary (format %d)."),
                   (int)version);
      return FALSE;
    }
  self->version = version;

  node = json_object_get_member (root, "entries");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return set_malformed (error, _("it has no entries"));
  entries = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *element = json_array_get_element (entries, i);
      JsonObject *object;
      const char *entity;
      PlEntityType type;
      Entry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return set_malformed (error, _("an entry is not an object"));
      object = json_node_get_object (element);

      entity = pl_json_member_string (object, "entity");
      if (entity == NULL || entity[0] == '\0')
        return set_malformed (error, _("an entry has no entity"));
      if (!pl_entity_type_from_string (pl_json_member_string (object, "type"), &type))
        return set_malformed (error, entity);

      entry = add_entry (self, entity, type, pl_json_member_string (object, "iso3"),
                         pl_json_member_string (object, "group"), pl_json_member_string (object, "note"));
      insert_name (self, self->names, entity, entry, TRUE);
      if (!add_names (self, object, "aliases", entry, error)
          || !add_names (self, object, "adjectives", entry, error))
        return FALSE;
    }

  node = json_object_get_member (root, "persons");
  if (node != NULL && !load_persons (self, node, error))
    return FALSE;

  node = json_object_get_member (root, "cues");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *cues = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (cues); i++)
        {
          JsonNode *element = json_array_get_element (cues, i);
          Cue cue = { 0 };

          if (!JSON_NODE_HOLDS_OBJECT (element)
              || pl_json_member_string (json_node_get_object (element), "cue") == NULL
              || !pl_entity_type_from_string (pl_json_member_string (json_node_get_object (element), "type"),
                                              &cue.type))
            return set_malformed (error, _("a cue is not valid"));
          cue.word = g_strdup (pl_json_member_string (json_node_get_object (element), "cue"));
          g_array_append_val (self->cues, cue);
        }
    }

  return TRUE;
}

PlGazetteer *
pl_gazetteer_new_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(PlGazetteer) self = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (PL_TYPE_GAZETTEER, NULL);
  if (!load_json (self, data, length, error))
    return NULL;
  return g_steal_pointer (&self);
}

PlGazetteer *
pl_gazetteer_get_default (void)
{
  static PlGazetteer *builtin;

  if (g_once_init_enter (&builtin))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      PlGazetteer *loaded;

      bytes = g_resource_lookup_data (pl_core_get_resource (), BUILTIN_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        loaded = pl_gazetteer_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                             &error);
      else
        loaded = NULL;

      /* The table is part of the program: failing to read it is a build error. */
      if (loaded == NULL)
        {
          g_critical ("The built-in gazetteer cannot be read: %s", error->message);
          loaded = g_object_new (PL_TYPE_GAZETTEER, NULL);
        }

      g_once_init_leave (&builtin, loaded);
    }

  return builtin;
}

PlGazetteer *
pl_gazetteer_new_layered (PlGazetteer *base)
{
  PlGazetteer *self;

  g_return_val_if_fail (PL_IS_GAZETTEER (base), NULL);

  self = g_object_new (PL_TYPE_GAZETTEER, NULL);
  self->base = g_object_ref (base);
  self->version = base->version;
  return self;
}

void
pl_gazetteer_add_entry (PlGazetteer  *self,
                        const char   *name,
                        const char   *entity,
                        PlEntityType  type,
                        const char   *iso3,
                        const char   *group)
{
  Entry *entry;

  g_return_if_fail (PL_IS_GAZETTEER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (entity != NULL);

  entry = add_entry (self, entity, type, iso3, group, NULL);
  insert_name (self, self->names, name, entry, TRUE);
}

gboolean
pl_gazetteer_add_person (PlGazetteer *self,
                         const char  *name,
                         const char  *role,
                         const char  *entity)
{
  const PlGazetteerEntry *entry;

  g_return_val_if_fail (PL_IS_GAZETTEER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);

  entry = pl_gazetteer_lookup (self, entity);
  if (entry == NULL)
    return FALSE;
  add_person (self, name, role, entry);
  return TRUE;
}

guint
pl_gazetteer_get_version (PlGazetteer *self)
{
  g_return_val_if_fail (PL_IS_GAZETTEER (self), 0);
  return self->version;
}

/* Lookup */

static const Name *
find_name (PlGazetteer *self,
           gboolean     adjective,
           const char  *key)
{
  for (PlGazetteer *layer = self; layer != NULL; layer = layer->base)
    {
      const Name *name = g_hash_table_lookup (adjective ? layer->adjectives : layer->names, key);

      if (name != NULL)
        return name;
    }
  return NULL;
}

static const PlGazetteerEntry *
lookup (PlGazetteer *self,
        gboolean     adjective,
        const char  *written)
{
  g_autofree char *key = NULL;
  gboolean upper;
  const Name *name;

  key = pl_gazetteer_dup_key (written, NULL, &upper);
  if (key[0] == '\0')
    return NULL;

  name = find_name (self, adjective, key);
  if (name == NULL || (name->needs_upper && !upper))
    return NULL;
  return &name->entry->public;
}

const PlGazetteerEntry *
pl_gazetteer_lookup (PlGazetteer *self,
                     const char  *name)
{
  g_return_val_if_fail (PL_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return lookup (self, FALSE, name);
}

const PlGazetteerEntry *
pl_gazetteer_lookup_adjective (PlGazetteer *self,
                               const char  *adjective)
{
  g_return_val_if_fail (PL_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (adjective != NULL, NULL);

  return lookup (self, TRUE, adjective);
}

static guint
longest_from (PlGazetteer *self,
              const char  *first_word)
{
  guint longest = 0;

  for (PlGazetteer *layer = self; layer != NULL; layer = layer->base)
    longest = MAX (longest, GPOINTER_TO_UINT (g_hash_table_lookup (layer->first_words, first_word)));
  return longest;
}

/* Tries the words [i, i + n) as a name, the last one also without its possessive. */
static const Name *
try_words (PlGazetteer   *self,
           const GString *norm,
           const Token   *tokens,
           guint          i,
           guint          n,
           gboolean      *bare)
{
  const Token *last = &tokens[i + n - 1];
  char key[KEY_MAX];
  gsize length = last->norm_start + last->norm_len - tokens[i].norm_start;
  gboolean upper = TRUE;
  const Name *name;

  if (length >= sizeof key)
    return NULL;

  for (guint k = i; k < i + n; k++)
    upper = upper && tokens[k].upper;

  for (int variant = 0; variant < 2; variant++)
    {
      if (variant == 1)
        {
          if (last->bare_len == last->norm_len)
            break;
          length -= last->norm_len - last->bare_len;
        }
      memcpy (key, norm->str + tokens[i].norm_start, length);
      key[length] = '\0';
      name = find_name (self, FALSE, key);
      if (name != NULL && (!name->needs_upper || upper))
        {
          *bare = variant == 1;
          return name;
        }
    }
  return NULL;
}

/* How many words a name that begins at @token may have: 0 when none begins there. */
static guint
longest_at (PlGazetteer   *self,
            const GString *norm,
            const Token   *token)
{
  char first[KEY_MAX];
  guint longest;

  if (token->norm_len >= sizeof first)
    return 0;
  memcpy (first, norm->str + token->norm_start, token->norm_len);
  first[token->norm_len] = '\0';
  longest = longest_from (self, first);
  if (longest == 0 && token->bare_len != token->norm_len)
    longest = 1;
  return longest;
}

/* The longest name of at most @longest words at token @i. */
static gboolean
match_at (PlGazetteer      *self,
          const GString    *norm,
          const Token      *tokens,
          guint             n_tokens,
          guint             i,
          guint             longest,
          PlGazetteerMatch *match)
{
  for (guint n = MIN (longest, n_tokens - i); n >= 1; n--)
    {
      gboolean bare = FALSE;
      const Name *name = try_words (self, norm, tokens, i, n, &bare);

      if (name != NULL)
        {
          match->entry = &name->entry->public;
          match->start = tokens[i].start;
          match->end = bare ? tokens[i + n - 1].bare_end : tokens[i + n - 1].end;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
pl_gazetteer_search (PlGazetteer      *self,
                     const char       *text,
                     gssize            length,
                     PlGazetteerMatch *match)
{
  g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr(GString) norm = g_string_new (NULL);
  const Token *tokens;

  g_return_val_if_fail (PL_IS_GAZETTEER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  if (length < 0)
    length = strlen (text);

  pl_gazetteer_tokenize (text, length, 0, array, norm);
  tokens = (const Token *)(gpointer)array->data;

  for (guint i = 0; i < array->len; i++)
    if (!pl_gazetteer_token_is (norm, &tokens[i], "the")
        && match_at (self, norm, tokens, array->len, i, longest_at (self, norm, &tokens[i]), match))
      return TRUE;

  return FALSE;
}

/* How many words a name at the start of @text may have, judged by its first word (after
 * "the") when that word is plain ASCII, the common case, without the tokenizer: 0 for
 * none.  Sets @skip to 1 after "the".  G_MAXUINT when the tokenizer must tell. */
static guint
longest_at_start (PlGazetteer *self,
                  const char  *text,
                  gsize        length,
                  guint       *skip)
{
  const char *end = text + length;
  const char *p = text;
  char key[64];
  guint longest;

  *skip = 0;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || ((guchar)*p < 0x80 && !g_ascii_isalnum (*p)))
    return 0;
  p = pl_gazetteer_ascii_word_key (p, end, key, sizeof key);
  if (p == NULL)
    return G_MAXUINT;
  if (strcmp (key, "the") == 0)
    {
      *skip = 1;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || ((guchar)*p < 0x80 && !g_ascii_isalnum (*p)))
        return 0;
      p = pl_gazetteer_ascii_word_key (p, end, key, sizeof key);
      if (p == NULL)
        return G_MAXUINT;
    }
  if (key[0] == '\0')
    return 0;
  longest = longest_from (self, key);
  /* "Japan's": tried without its possessive. */
  if (longest == 0 && g_str_has_suffix (key, "'s"))
    longest = 1;
  return longest;
}

gboolean
pl_gazetteer_match_prefix (PlGazetteer      *self,
                           const char       *text,
                           gssize            length,
                           PlGazetteerMatch *match)
{
  g_autoptr(GArray) array = NULL;
  g_autoptr(GString) norm = NULL;
  const Token *tokens;
  guint skip = 0;
  guint longest;

  g_return_val_if_fail (PL_IS_GAZETTEER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  if (length < 0)
    length = strlen (text);
  longest = longest_at_start (self, text, length, &skip);
  if (longest == 0)
    return FALSE;
  array = g_array_new (FALSE, FALSE, sizeof (Token));
  norm = g_string_new (NULL);

  /* A first word that is not plain ASCII: the tokenizer says how many words may follow. */
  if (longest == G_MAXUINT)
    {
      pl_gazetteer_tokenize (text, length, 2, array, norm);
      tokens = (const Token *)(gpointer)array->data;
      skip = array->len > 1 && pl_gazetteer_token_is (norm, &tokens[0], "the") ? 1 : 0;
      if (array->len <= skip || (longest = longest_at (self, norm, &tokens[skip])) == 0)
        return FALSE;
      g_array_set_size (array, 0);
      g_string_truncate (norm, 0);
    }

  pl_gazetteer_tokenize (text, length, skip + longest, array, norm);
  tokens = (const Token *)(gpointer)array->data;
  /* The name begins the text: nothing but spaces before it. */
  if (array->len <= skip)
    return FALSE;
  for (const char *p = text; p < text + tokens[0].start; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return match_at (self, norm, tokens, array->len, skip, longest, match);
}

/* Persons */

const PlGazetteerPerson *
pl_gazetteer_lookup_person (PlGazetteer *self,
                            const char  *name)
{
  g_autofree char *key = NULL;
  const char *space;

  g_return_val_if_fail (PL_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = pl_gazetteer_dup_key (name, NULL, NULL);
  if (key[0] == '\0')
    return NULL;

  for (PlGazetteer *layer = self; layer != NULL; layer = layer->base)
    {
      const Person *person = g_hash_table_lookup (layer->person_names, key);

      if (person != NULL)
        return &person->public;
    }

  /* A surname alone. */
  space = strchr (key, ' ');
  if (space != NULL)
    return NULL;
  for (PlGazetteer *layer = self; layer != NULL; layer = layer->base)
    {
      const Person *person = g_hash_table_lookup (layer->surnames, key);

      if (person == AMBIGUOUS)
        return NULL;
      if (person != NULL)
        return &person->public;
    }
  return NULL;
}

/* Cues */

static gboolean
has_word (const char *name,
          const char *word)
{
  gsize n = strlen (word);

  for (const char *p = strstr (name, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean starts = p == name || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)));
      gboolean ends = p[n] == '\0' || !g_unichar_isalnum (g_utf8_get_char (p + n));

      if (starts && ends)
        return TRUE;
    }
  return FALSE;
}

/* Companies before universities before civil society: "Microsoft Research Institute" is a
 * company, "Institute for … Foundation" a research body. */
static int
cue_rank (PlEntityType type)
{
  switch (type)
    {
    case PL_ENTITY_TYPE_PRIVATE_SECTOR:
      return 3;
    case PL_ENTITY_TYPE_ACADEMIA:
      return 2;
    case PL_ENTITY_TYPE_NGO:
      return 1;
    default:
      return 0;
    }
}

PlEntityType
pl_gazetteer_guess_type (PlGazetteer *self,
                         const char  *name)
{
  PlEntityType best = PL_ENTITY_TYPE_UNKNOWN;

  g_return_val_if_fail (PL_IS_GAZETTEER (self), PL_ENTITY_TYPE_UNKNOWN);
  g_return_val_if_fail (name != NULL, PL_ENTITY_TYPE_UNKNOWN);

  for (PlGazetteer *layer = self; layer != NULL; layer = layer->base)
    for (guint i = 0; i < layer->cues->len; i++)
      {
        const Cue *cue = &g_array_index (layer->cues, Cue, i);

        if (cue_rank (cue->type) > cue_rank (best) && has_word (name, cue->word))
          best = cue->type;
      }
  return best;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

GPtrArray *
pl_gazetteer_list_names (PlGazetteer *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new ();

  g_return_val_if_fail (PL_IS_GAZETTEER (self), names);

  for (PlGazetteer *layer = self; layer != NULL; layer = layer->base)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, layer->names);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_hash_table_add (seen, key))
          g_ptr_array_add (names, ((Name *)value)->written);
    }

  g_ptr_array_sort (names, compare_names);
  return names;
}
