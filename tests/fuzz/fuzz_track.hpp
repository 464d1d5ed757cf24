// A small valid track holding every item type, shared by the fuzz targets that need one.
#pragma once

#include <string_view>

namespace cloudtrack::fuzz {

inline constexpr std::string_view k_track = R"({
      "schema": "cloudtrack.track/1",
      "track": {"id": "fuzz", "name": "Fuzz", "version": "1.0.0", "vendor": "tests", "description": "d"},
      "metrics": [{"id": "m", "name": "M", "description": "d", "direction": "up"}],
      "levels": [{"id": "l0", "name": "L0", "description": "d"}, {"id": "l1", "name": "L1", "description": "d", "min_theta": 0}],
      "areas": [{"id": "a", "name": "A", "description": "d", "self_rating_prompt": "p"}],
      "items": [
        {"id": "sc", "area": "a", "type": "single_choice", "stem": "s", "explanation": "e", "difficulty": "easy",
         "references": [{"title": "t", "url": "https://example.org"}],
         "options": [{"id": "a", "text": "x", "correct": true, "rationale": "r"}, {"id": "b", "text": "y", "correct": false, "rationale": "r"}]},
        {"id": "mc", "area": "a", "type": "multiple_choice", "scoring": "halves", "stem": "s", "explanation": "e", "difficulty": "hard",
         "references": [{"title": "t", "url": "https://example.org"}],
         "options": [{"id": "a", "text": "x", "correct": true, "rationale": "r"}, {"id": "b", "text": "y", "correct": false, "rationale": "r"},
                     {"id": "c", "text": "z", "correct": true, "rationale": "r"}]},
        {"id": "num", "area": "a", "type": "numeric", "answer": 10, "tolerance": 0.5, "stem": "s", "explanation": "e",
         "difficulty": "medium", "references": [{"title": "t", "url": "https://example.org"}]},
        {"id": "tf", "area": "a", "type": "true_false", "stem": "s", "explanation": "e", "difficulty": "hard",
         "references": [{"title": "t", "url": "https://example.org"}],
         "options": [{"id": "true", "text": "True", "correct": true, "rationale": "r"}, {"id": "false", "text": "False", "correct": false, "rationale": "r"}]},
        {"id": "ord", "area": "a", "type": "ordering", "scoring": "pairwise", "stem": "s", "explanation": "e", "difficulty": "medium",
         "references": [{"title": "t", "url": "https://example.org"}],
         "options": [{"id": "x", "text": "1"}, {"id": "y", "text": "2"}, {"id": "z", "text": "3"}]}
      ]})";

} // namespace cloudtrack::fuzz
