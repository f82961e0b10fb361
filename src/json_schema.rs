//! The JSON Schema of the draft format, generated from the schema table so it can never
//! disagree with what the loader accepts.

use serde_json::{Map, Value, json};

use crate::draft::CURRENT_SCHEMA_VERSION;
use crate::schema::{self, Field, Kind};

/// The whole schema document.
pub fn document() -> Value {
    let mut root = Map::new();
    root.insert(
        "schema_version".into(),
        json!({"const": CURRENT_SCHEMA_VERSION, "description": "Draft format version"}),
    );
    for (_, field) in schema::all_fields() {
        insert(&mut root, field.path, field_schema(field));
    }
    root.insert("waivers".into(), json!({"type": "array", "description": "Accepted findings: rule, field and reason"}));
    root.insert("wizard".into(), json!({"type": "object", "description": "Where the wizard resumes: step and field"}));
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "crm-contract draft",
        "description": "A 新型CRM平台系统合同 draft. Values are kept as typed: text, money, percent, rate, int and date fields are strings (numbers are accepted on load); unknown keys are kept.",
        "type": "object",
        "required": ["schema_version"],
        "properties": object_schema_properties(root),
    })
}

/// Nests `{"a.b.c": s}` into `{"a": {"type":"object","properties":{"b": ...}}}`.
fn insert(properties: &mut Map<String, Value>, path: &str, leaf: Value) {
    match path.split_once('.') {
        None => {
            properties.insert(path.to_string(), leaf);
        }
        Some((head, rest)) => {
            let node =
                properties.entry(head.to_string()).or_insert_with(|| json!({"type": "object", "properties": {}}));
            if let Some(Value::Object(inner)) = node.get_mut("properties") {
                insert(inner, rest, leaf);
            }
        }
    }
}

fn object_schema_properties(root: Map<String, Value>) -> Value {
    Value::Object(root)
}

fn field_schema(field: &Field) -> Value {
    let description = format!("{} / {}", field.label.zh, field.label.en);
    let string_like = |format: &str| json!({"type": ["string", "number", "null"], "description": format!("{description} ({format})")});
    match field.kind {
        Kind::Text | Kind::Long => json!({"type": ["string", "null"], "description": description}),
        Kind::Money => string_like("money, CNY, at most two decimals"),
        Kind::Percent => string_like("percent, 0–100"),
        Kind::Rate => string_like("per mille per day, 0–1000"),
        Kind::Int { min } => string_like(&format!("whole number ≥ {min}")),
        Kind::Date => json!({"type": ["string", "null"], "description": format!("{description} (YYYY-MM-DD)")}),
        Kind::Bool => json!({"type": ["boolean", "null"], "description": description}),
        Kind::Choice(choices) => {
            let mut ids: Vec<Value> = choices.iter().map(|c| Value::from(c.id)).collect();
            ids.push(Value::Null);
            json!({"enum": ids, "description": description})
        }
        Kind::List(spec) => {
            let mut columns = Map::new();
            for column in spec.columns {
                columns.insert(column.path.to_string(), field_schema(column));
            }
            json!({
                "type": ["array", "null"],
                "description": description,
                "items": {"type": "object", "properties": columns},
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nests_paths_and_lists() {
        let doc = document();
        let name = &doc["properties"]["parties"]["properties"]["buyer"]["properties"]["name"];
        assert_eq!(name["type"], json!(["string", "null"]));
        let percent = &doc["properties"]["payment"]["properties"]["milestones"]["items"]["properties"]["percent"];
        assert!(percent["description"].as_str().is_some_and(|d| d.contains("percent")));
    }
}
