/* pl-test-provenance.h — a small hand-made project for the provenance tests (core and app)
 *
 * Two transcripts of an open-ended working group and three outcome documents written for
 * these tests in the manner of the group's records; none is quoted from a real document.
 *
 * - In the final report, paragraph 1 copies Brazil's proposal exactly (which Brazil made in
 *   both sessions, earliest on 10 January), paragraph 2 draws on Kenya's statement with
 *   edits (words inserted, a word changed, a hyphen gone) and on the Netherlands' word for
 *   word,
 *   and paragraph 3 on nobody.
 * - The zero draft and the revised draft hold earlier wordings of the same paragraphs.
 * - The transcripts' headings (front matter) are copied into the final report's heading:
 *   they must never be proposed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PL_TEST_TRANSCRIPT_1 \
  "Open-ended working group on ICTs, first substantive session, 10 January 2021 " \
  "(unofficial transcript)\n" \
  "\n" \
  "Brazil\n" \
  "Thank you, Chair. We propose that every State designate a national point of contact " \
  "for incident response and share its details through a global directory maintained by " \
  "the United Nations.\n" \
  "\n" \
  "Kenya\n" \
  "Capacity-building should be demand-driven, sustainable and gender-sensitive, and should " \
  "respect the national ownership of each beneficiary State.\n" \
  "\n" \
  "Netherlands\n" \
  "International law, and in particular the Charter of the United Nations in its entirety, " \
  "is applicable and essential to maintaining peace and stability in the ICT environment.\n"

#define PL_TEST_TRANSCRIPT_2 \
  "Open-ended working group on ICTs, second substantive session, 20 February 2021 " \
  "(unofficial transcript)\n" \
  "\n" \
  "Brazil\n" \
  "As we said before, every State should designate a national point of contact for " \
  "incident response and share its details through a global directory maintained by the " \
  "United Nations.\n" \
  "\n" \
  "Japan\n" \
  "Tabletop exercises among regional computer emergency response teams would test the " \
  "directory of points of contact every year.\n"

#define PL_TEST_ZERO_DRAFT \
  "Zero draft of the report\n" \
  "\n" \
  "1. States proposed that every State designate a national point of contact for incident " \
  "response and share its details through a directory.\n" \
  "\n" \
  "2. Capacity-building should be demand-driven and sustainable, and should respect the " \
  "national ownership of beneficiary States.\n" \
  "\n" \
  "3. The Group discussed emerging technologies.\n"

#define PL_TEST_REVISED_DRAFT \
  "Revised draft of the report\n" \
  "\n" \
  "1. States concluded that every State should designate a national point of contact for " \
  "incident response and share its details through a global directory.\n" \
  "\n" \
  "2. Capacity-building should be demand-driven, sustainable and gender sensitive, and " \
  "should respect the national ownership of beneficiary States.\n" \
  "\n" \
  "3. The Group discussed emerging technologies at length.\n"

#define PL_TEST_FINAL_REPORT \
  "Final report. Open-ended working group on ICTs, first substantive session, 10 January " \
  "2021 (unofficial transcript)\n" \
  "\n" \
  "1. States concluded that every State designate a national point of contact for incident " \
  "response and share its details through a global directory maintained by the United " \
  "Nations.\n" \
  "\n" \
  "2. Capacity-building should be demand-driven, transparent, sustainable and gender " \
  "sensitive, and should fully respect the national ownership of every beneficiary State; " \
  "international law, " \
  "and in particular the Charter of the United Nations in its entirety, is applicable and " \
  "essential to maintaining peace and stability in the ICT environment.\n" \
  "\n" \
  "3. The Group discussed emerging technologies and their implications for security.\n"

/* Passages, as they stand in the texts above. */
#define PL_TEST_BRAZIL_PROPOSAL \
  "that every State designate a national point of contact for incident response and share " \
  "its details through a global directory maintained by the United Nations"
#define PL_TEST_NETHERLANDS_LAW \
  "International law, and in particular the Charter of the United Nations in its entirety, " \
  "is applicable and essential to maintaining peace and stability in the ICT environment"

G_END_DECLS
