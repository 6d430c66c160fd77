/* pl-gazetteer.h — who speaks at the UN: names of states, groups and organisations
 *
 * A gazetteer maps the names a text uses for a speaker ("the USA", "Türkiye", "The Republic
 * of Korea", "NAM") to one canonical entity with its type, ISO 3166 alpha-3 code and UN
 * regional group.  The built-in table is data/gazetteer/gazetteer.json (a GResource); a
 * project layers its own entries (table gazetteer_entries) over it.
 *
 * Names match without regard to case, accents, a leading "the", full stops ("U.S." is
 * "US") and a trailing possessive ("Japan's").  Acronyms (aliases of at most six letters,
 * all capitals: "US", "WHO", "NAM") match only when written in capitals, so the words "us"
 * and "who" stay words.
 *
 * Beside the entities, a gazetteer knows persons who speak for one of them: holders of
 * public offices in the built-in table ("Izumi Nakamitsu" for UNODA, "Burhan Gafoor" for
 * the Chair), and those a project adds.
 *
 * A gazetteer is immutable once shared: build it, then read it from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>


G_BEGIN_DECLS

typedef enum
{
  PL_ENTITY_TYPE_UNKNOWN,
  PL_ENTITY_TYPE_MEMBER_STATE,
  PL_ENTITY_TYPE_OBSERVER_STATE,
  PL_ENTITY_TYPE_GROUP_OF_STATES,
  PL_ENTITY_TYPE_EU,
  PL_ENTITY_TYPE_IGO,
  PL_ENTITY_TYPE_UN_ENTITY,
  PL_ENTITY_TYPE_NGO,
  PL_ENTITY_TYPE_ACADEMIA,
  PL_ENTITY_TYPE_PRIVATE_SECTOR,
  PL_ENTITY_TYPE_CHAIR,
  PL_ENTITY_TYPE_SECRETARIAT,
} PlEntityType;

/* "member_state", "observer_state", "group_of_states", "eu", "igo", "un_entity", "ngo",
 * "academia", "private_sector", "chair", "secretariat", "unknown". */
const char *pl_entity_type_to_string   (PlEntityType  type);
gboolean    pl_entity_type_from_string (const char   *string,
                                        PlEntityType *type);

/* One entity, owned by its gazetteer. */
typedef struct
{
  const char   *entity;   /* canonical name ("Türkiye", "Non-Aligned Movement") */
  PlEntityType  type;
  const char   *iso3;     /* ISO 3166 alpha-3 for states, else NULL */
  const char   *group;    /* UN regional group for member states, else NULL */
  const char   *note;     /* "humanitarian organisation", or NULL */
} PlGazetteerEntry;

/* Where a name was found in a text: byte offsets, end-exclusive. */
typedef struct
{
  const PlGazetteerEntry *entry;
  gsize                   start;
  gsize                   end;
} PlGazetteerMatch;

/* A person who speaks for an entity, owned by its gazetteer. */
typedef struct
{
  const char             *name;   /* "Izumi Nakamitsu" */
  const char             *role;   /* "High Representative for Disarmament Affairs", or NULL */
  const PlGazetteerEntry *entry;
} PlGazetteerPerson;

#define PL_TYPE_GAZETTEER (pl_gazetteer_get_type ())
G_DECLARE_FINAL_TYPE (PlGazetteer, pl_gazetteer, PL, GAZETTEER, GObject)

/* The built-in gazetteer (transfer none; it lives as long as the process). */
PlGazetteer            *pl_gazetteer_get_default      (void);
/* A gazetteer read from a "plenary-gazetteer" JSON document. */
PlGazetteer            *pl_gazetteer_new_from_data    (const char    *data,
                                                       gssize         length,
                                                       GError       **error);
/* An empty gazetteer whose own entries take precedence over those of @base. */
PlGazetteer            *pl_gazetteer_new_layered      (PlGazetteer   *base);
/* Adds @name for an entity (replacing what this gazetteer itself had for @name).  Only
 * while the gazetteer is not shared with other threads. */
void                    pl_gazetteer_add_entry        (PlGazetteer   *self,
                                                       const char    *name,
                                                       const char    *entity,
                                                       PlEntityType   type,
                                                       const char    *iso3,
                                                       const char    *group);

/* Adds a person who speaks for @entity, a name this gazetteer or the one below it knows
 * ("UNODA", "Chair", "Kenya"), with an optional @role.  Returns FALSE, adding nothing,
 * when @entity is not known.  Only while the gazetteer is not shared with other threads. */
gboolean                pl_gazetteer_add_person       (PlGazetteer   *self,
                                                       const char    *name,
                                                       const char    *role,
                                                       const char    *entity);

/* The format version of the built-in table this gazetteer came from. */
guint                   pl_gazetteer_get_version      (PlGazetteer   *self);

/* The entity called exactly @name (after normalisation), or NULL. */
const PlGazetteerEntry *pl_gazetteer_lookup           (PlGazetteer   *self,
                                                       const char    *name);
/* The state whose adjective is @adjective ("Japanese", "French"), or NULL. */
const PlGazetteerEntry *pl_gazetteer_lookup_adjective (PlGazetteer   *self,
                                                       const char    *adjective);
/* Finds the leftmost name in @text (@length bytes, or -1), the longest at that place.
 * Returns FALSE when there is none. */
gboolean                pl_gazetteer_search           (PlGazetteer   *self,
                                                       const char    *text,
                                                       gssize         length,
                                                       PlGazetteerMatch *match);
/* The same, but only a name that begins at the first word of @text (after a leading
 * "the"); quick when that word begins no name. */
gboolean                pl_gazetteer_match_prefix     (PlGazetteer   *self,
                                                       const char    *text,
                                                       gssize         length,
                                                       PlGazetteerMatch *match);
/* The person called @name: by the whole name ("Izumi Nakamitsu", any case, with or without
 * accents), or by a surname ("Nakamitsu") that only one person of the same layer has;
 * the project's persons before the built-in ones.  NULL when nobody is. */
const PlGazetteerPerson *pl_gazetteer_lookup_person   (PlGazetteer   *self,
                                                       const char    *name);
/* The type that cue words in a name not in the gazetteer suggest ("University" →
 * academia, "Foundation" → ngo, "Inc." → private_sector), or PL_ENTITY_TYPE_UNKNOWN. */
PlEntityType            pl_gazetteer_guess_type       (PlGazetteer   *self,
                                                       const char    *name);
/* Every name (aliases included), sorted, for completion (transfer container). */
GPtrArray              *pl_gazetteer_list_names       (PlGazetteer   *self);

G_END_DECLS
