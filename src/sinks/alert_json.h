// Alerts as JSON: iochound's own alert object (docs/alerts.md, schema docs/alert.schema.json) and
// the OCSF Detection Finding (class_uid 2004) form of the same alert.
#pragma once

#include <string>

#include "packs/alert.h"

namespace iochound::sinks {

// Stable across runs: the same rule and the same evidence row give the same key, whatever the
// order or the file the row came from. 16 hex digits (FNV-1a 64 of the rule id and the evidence).
std::string AlertDedupKey(const packs::Alert& alert);

// One JSON object, no trailing newline: schema, dedup_key, rule, time, entities, ioc (when one
// matched), evidence, source, suppressed_by (only on suppressed alerts).
std::string AlertJson(const packs::Alert& alert);

// The alert as an OCSF 1.1 Detection Finding; suppressed alerts have status_id 3 (Suppressed).
std::string OcsfDetectionFinding(const packs::Alert& alert);

// The evidence row alone as a JSON object of its columns.
std::string EvidenceJson(const packs::Alert& alert);

}  // namespace iochound::sinks
