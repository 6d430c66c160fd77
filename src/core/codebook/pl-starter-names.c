/* pl-starter-names.c — the starter codebook's names, translatable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The starter codebook (data/codebooks/starter.json) is data: the project keeps its English
 * names, and exports, REFI and plenary-cli write them as they are.  The window shows a
 * starter code in the coder's language as long as it keeps the starter's name; a code the
 * coder renamed shows the coder's name.  tests/core/test-starter-names.c keeps this table
 * and the JSON the same.
 */
#define G_LOG_DOMAIN "plenary-codebook"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-starter-names.h"

#define STARTER_CONTEXT "starter code"

static const PlStarterName starter_names[] = {
  /* Translators: the names of the starter codebook's codes, for coding statements on ICT
   * security at the United Nations (GGE and OEWG).  Please use the UN's own terms in your
   * language (UNTERM): norms of responsible State behaviour, confidence-building measures,
   * capacity-building, international law, the Charter of the United Nations… */
  /* NRM */
  { "334f22ac-558c-4150-a6ef-2bdb155458d9", NC_("starter code", "Norms of responsible state behaviour") },
  { "fbe51078-9ad8-41eb-8aae-e0fd99981571", NC_("starter code", "Interstate cooperation on ICT security") },
  { "00d1f0e1-eafc-49f3-bc52-6f313808af28", NC_("starter code", "Considering all relevant information") },
  { "5393f4e3-ed65-4b80-8802-85decf48f761", NC_("starter code", "Preventing misuse of one's territory") },
  { "56a941a9-3c78-4dc8-8c82-dffda3b45ffe", NC_("starter code", "Cooperation against crime and terrorism") },
  { "132f6aa3-6be5-495f-a984-7a89df8874e9", NC_("starter code", "Human rights and privacy") },
  { "cbbed30b-943e-4a29-93d6-bf76c354488c", NC_("starter code", "Not damaging critical infrastructure") },
  { "d1c0d415-a5c2-4c32-89e4-39e8f3377cdd", NC_("starter code", "Protecting one's own critical infrastructure") },
  { "6274618a-90f5-4f22-a020-f5c506571109", NC_("starter code", "Responding to requests for assistance") },
  { "7892489e-0d63-4d5e-8666-eda1241c9946", NC_("starter code", "Supply-chain integrity") },
  { "a779e22d-2aff-41ed-b52d-e5772738f064", NC_("starter code", "Reporting ICT vulnerabilities") },
  { "82ec0f69-40b2-4c99-96d1-0f04c17b912b", NC_("starter code", "Protecting emergency response teams") },
  { "7ccb79eb-54a6-4b26-a2e7-703ad24ebb3e", NC_("starter code", "Calls for new or binding norms") },
  { "0cddd1ec-6a56-4340-accc-5877b8bebf34", NC_("starter code", "Norm implementation and national practice") },
  /* IL */
  { "3955e5dc-3ca2-4a5e-9be1-942bd73dbe09", NC_("starter code", "International law") },
  { "f1132188-ed9a-4dec-a109-b414bb1b1b4e", NC_("starter code", "Applicability of the UN Charter") },
  { "e3e4744c-deaa-485c-9a4c-b579f7d86c87", NC_("starter code", "Sovereignty") },
  { "c71674d8-f570-42e4-b5ed-a4f52466c03c", NC_("starter code", "Non-intervention") },
  { "f5e70cad-d826-4a12-a5c1-c1d75276d645", NC_("starter code", "Use of force and self-defence") },
  { "0b70b8e4-3f7a-4264-92ec-bf96ab236960", NC_("starter code", "Due diligence") },
  { "a88bcd91-2e58-4c47-a55d-99583f036596", NC_("starter code", "International humanitarian law") },
  { "3ed7f0f8-ea1c-473a-a1ad-7599c70adee6", NC_("starter code", "International human rights law") },
  { "52222caf-90dc-4f9f-8d76-e30be1b98e1a", NC_("starter code", "State responsibility and countermeasures") },
  { "a10fa362-cf30-4435-ac35-80693eb82caa", NC_("starter code", "Peaceful settlement of disputes") },
  { "c9df496b-3c21-4892-b39f-9b246e511293", NC_("starter code", "New legally binding instrument") },
  /* CBM */
  { "d81ceb9d-e0c7-4ee8-9b08-be67b5820176", NC_("starter code", "Confidence-building measures") },
  { "720e7895-24fe-4843-8439-7aab154aca20", NC_("starter code", "Points of contact directory") },
  { "cf2a923d-fa60-4ab3-b0ad-2c619b129a0a", NC_("starter code", "Transparency: national views and strategies") },
  { "d6268b53-d655-4375-bb1f-9a6eba05c33f", NC_("starter code", "Consultations and dialogue") },
  { "ec14d1d8-3588-492b-85de-25a17ee6ae3e", NC_("starter code", "CERT-to-CERT cooperation") },
  { "9f16e3c4-53bd-46cd-8e4d-f371e7e691d3", NC_("starter code", "Regional CBMs") },
  { "9f0879c3-da92-43ee-af55-60892a4bcb82", NC_("starter code", "Sharing critical-infrastructure information") },
  /* CB */
  { "cddd4676-81b1-463b-9957-fa3d46be38da", NC_("starter code", "Capacity-building") },
  { "6d7e2532-9afe-4fdf-a694-45549211a816", NC_("starter code", "Capacity-building principles") },
  { "e5397356-18f5-4d12-8176-00ab4da6fa01", NC_("starter code", "Needs stated") },
  { "8572df7a-7c1e-46f6-b8a0-3085d3dc047c", NC_("starter code", "Offers and commitments") },
  { "6bb2f11f-5944-4e2f-9f41-6fbd14d719a6", NC_("starter code", "Coordination mechanisms") },
  { "877fcdaa-9446-46e1-a8c7-c534bf64c26f", NC_("starter code", "Thematic focus") },
  { "633bfa9d-362b-4201-b707-d79b0dfd5ced", NC_("starter code", "Gender and inclusion") },
  /* THR */
  { "4bc1e910-276e-4344-a647-4765eec84271", NC_("starter code", "Threats") },
  { "51e32193-4f78-4dfb-aa51-0d9b776c4a29", NC_("starter code", "Attacks on critical infrastructure") },
  { "51b6e0c1-eab5-446a-b788-dc43fe02b210", NC_("starter code", "Healthcare sector") },
  { "b1ae7722-b064-422c-9c00-028ad734b4d5", NC_("starter code", "Ransomware") },
  { "b56264a5-c0c5-4d93-8c57-6cb054e7a031", NC_("starter code", "Supply chain") },
  { "6db86ff6-2880-407b-88ed-64f0eaf8f117", NC_("starter code", "Emerging technologies") },
  { "9ec4b479-0ec1-4c4f-afff-6d6c0cf2a486", NC_("starter code", "Militarisation of cyberspace") },
  { "9dda95ec-b861-4808-917b-1335c0e286ae", NC_("starter code", "State-sponsored activity") },
  { "959c765d-34d8-4c19-8b00-d54500d822d4", NC_("starter code", "Non-state actors") },
  { "61d3d5bb-23cf-4449-9c62-d0c30530cad7", NC_("starter code", "Commercial intrusion tools and spyware") },
  { "f11c7734-6ead-4a0c-931f-58ba1134d024", NC_("starter code", "Information operations") },
  { "f6f56138-019a-49ec-95e5-1cf9d8d8893b", NC_("starter code", "Other threats") },
  /* PRC */
  { "641f5af8-f7ac-42b4-b841-69d5a4a2e3b2", NC_("starter code", "Process") },
  { "6eb42cbc-a938-4fad-bc2b-6257d0d8e0ad", NC_("starter code", "Future regular institutional dialogue") },
  { "ae1db042-6925-409f-aaa5-aac44201a4a8", NC_("starter code", "Stakeholder participation") },
  { "9487890b-0692-4b0e-8a08-0a5742acc99d", NC_("starter code", "Consensus and rules of procedure") },
  { "712c1d47-094c-45c4-8b78-69cecb9eea86", NC_("starter code", "Programme of Action") },
};

const PlStarterName *
pl_starter_names (gsize *n_names)
{
  g_return_val_if_fail (n_names != NULL, NULL);

  *n_names = G_N_ELEMENTS (starter_names);
  return starter_names;
}

const char *
pl_starter_display_name (const char *guid,
                         const char *name)
{
  if (guid == NULL || name == NULL)
    return name;

  for (gsize i = 0; i < G_N_ELEMENTS (starter_names); i++)
    if (g_str_equal (starter_names[i].guid, guid))
      return g_str_equal (starter_names[i].name, name)
        ? g_dpgettext2 (GETTEXT_PACKAGE, STARTER_CONTEXT, starter_names[i].name)
        : name;

  return name;
}

const char *
pl_code_get_display_name (PlCode *code)
{
  g_return_val_if_fail (PL_IS_CODE (code), NULL);

  return pl_starter_display_name (pl_code_get_guid (code), pl_code_get_name (code));
}
