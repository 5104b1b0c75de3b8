//! A JSON Schema of the line format (feature `schema`), generated from the
//! types with [schemars](https://docs.rs/schemars).
//!
//! The kinds' payloads derive their schemas beside their serde derives, so
//! field names, defaults and `deny_unknown_fields` come from the same
//! attributes serde reads. What serde does by hand is described here by
//! hand: the line's header (`v`, `id`, `at` beside `type`, as
//! [`wire`](crate::event::wire) reads it), and the validated text types
//! (ids, times, names, phones), whose `Deserialize` checks what the schema
//! can say as a pattern.
//!
//! The repository ships the result as `schema/event.schema.json` (the
//! engine's log) and `schema/desk_event.schema.json` (the front desk's
//! log, kinds `desk_*`): two files, because a line of one vocabulary is
//! refused by the other's reader and the schemas refuse it too. A test
//! checks that the shipped files equal what this module generates.
//!
//! What a schema cannot say, the reader still checks: the byte lengths of
//! ids (24 bytes) and free text ([`Limits`](crate::event::wire::Limits);
//! the schema bounds characters), a calendar date that does not exist
//! (`2026-02-30`), a duplicate key, the cells of a `change_policy`'s policy,
//! and everything the rules decide.
//!
//! ```
//! let schema = anchang::schema::event_schema();
//! let text = serde_json::to_string(&schema).unwrap();
//! assert!(text.contains(r#""const":"sign_in""#));
//! ```

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::desk::{
    DepartmentId, DeskEventKind, HandoverId, MailId, NoteId, PassId, ReleaseId, RequestId,
    ResidentId, StaffId, TopicId,
};
use crate::event::wire::VERSION;
use crate::{
    AgentId, ClientId, Date, DealId, EventId, EventKind, Fen, Gender, PersonName, Phone, Policy,
    Timestamp, UnitId, VisitorId,
};

/// The schema of one line of the engine's log: `v`, `id`, `at`, `type` and
/// the fields of the kind `type` names.
///
/// ```
/// let schema = serde_json::to_value(anchang::schema::event_schema()).unwrap();
/// assert_eq!(schema["title"], "anchang event line");
/// ```
pub fn event_schema() -> Schema {
    line_schema::<EventKind>(
        "anchang event line",
        "One line of an anchang event log (JSON Lines, format version 1).",
    )
}

/// The schema of one line of the front desk's log (kinds `desk_*`).
///
/// ```
/// let schema = serde_json::to_value(anchang::schema::desk_event_schema()).unwrap();
/// assert_eq!(schema["title"], "anchang desk event line");
/// ```
pub fn desk_event_schema() -> Schema {
    line_schema::<DeskEventKind>(
        "anchang desk event line",
        "One line of an anchang front-desk log (JSON Lines, format version 1).",
    )
}

/// The schema of `K` (an internally tagged enum: one `oneOf` branch per
/// kind, each a closed object) with the header added to every branch, so
/// a branch stays closed (`additionalProperties: false`) and still admits
/// `v`, `id` and `at`.
fn line_schema<K: JsonSchema>(title: &str, description: &str) -> Schema {
    let mut generator = SchemaGenerator::default();
    let mut root = generator.root_schema_for::<K>();
    let id = generator.subschema_for::<EventId>();
    let at = generator.subschema_for::<Timestamp>();
    let header = json!({
        "v": { "description": "The format version.", "const": VERSION },
        "id": id,
        "at": at,
    });
    let object = root.ensure_object();
    if let Some(Value::Array(branches)) = object.get_mut("oneOf") {
        for branch in branches {
            add_header(branch, &header);
        }
    }
    object.insert("title".into(), title.into());
    object.insert("description".into(), description.into());
    // The header's definitions, generated after the root was taken.
    let defs = generator.take_definitions(true);
    if !defs.is_empty() {
        let all = object
            .entry("$defs")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(all) = all {
            all.extend(defs);
        }
    }
    root
}

fn add_header(branch: &mut Value, header: &Value) {
    let Value::Object(branch) = branch else {
        return;
    };
    if let Some(Value::Object(props)) = branch.get_mut("properties") {
        let mut with_header = Map::new();
        if let Value::Object(h) = header {
            with_header.extend(h.clone());
        }
        with_header.extend(std::mem::take(props));
        *props = with_header;
    }
    if let Some(Value::Array(required)) = branch.get_mut("required") {
        let mut all: Vec<Value> = ["v", "id", "at"].map(Value::from).to_vec();
        all.append(required);
        *required = all;
    }
}

/// The validated id's rules as a schema: 1 to 24 characters (the reader
/// counts 24 UTF-8 bytes), no white space or control characters.
fn id_schema(what: &str) -> Schema {
    json_schema!({
        "description": format!("{what}: 1 to 24 bytes of text, no white space."),
        "type": "string",
        "minLength": 1,
        "maxLength": crate::MAX_ID_LEN,
        "pattern": "^[^\\s\\u0000-\\u001f\\u007f-\\u009f]+$",
    })
}

macro_rules! id_schemas {
    ($($t:ty: $what:literal,)*) => {$(
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                stringify!($t).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                id_schema($what)
            }
        }
    )*};
}

id_schemas! {
    AgentId: "An agent",
    VisitorId: "A visitor, unique within the log",
    ClientId: "A client, as the log names it",
    DealId: "A deal",
    UnitId: "A unit",
    RequestId: "A desk request",
    DepartmentId: "A department",
    TopicId: "A handover topic",
    PassId: "A pass",
    ReleaseId: "A release",
    MailId: "A piece of mail",
    HandoverId: "A handover",
    NoteId: "A handover note",
    StaffId: "A member of the desk's staff",
    ResidentId: "A resident",
}

macro_rules! schema_as {
    ($($t:ty => $schema:tt,)*) => {$(
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                stringify!($t).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    )*};
}

schema_as! {
    EventId => {
        "description": "The event's id: strictly increasing within a log.",
        "type": "integer",
        "minimum": 0,
    },
    Timestamp => {
        "description": "Civil time in the office, YYYY-MM-DDTHH:MM:SS (a space may stand for the T).",
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
    },
    Date => {
        "description": "A civil date, YYYY-MM-DD.",
        "type": "string",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    },
    Fen => {
        "description": "An amount in fen (分, 1/100 yuan).",
        "type": "integer",
    },
    PersonName => {
        "description": "A person's name as given (personal data, masked in every output).",
        "type": "string",
    },
    Phone => {
        "description": "A phone number as given (personal data, masked in every output).",
        "type": "string",
    },
    Gender => {
        "type": "string",
        "enum": ["male", "female"],
    },
    Policy => {
        "description": "A whole policy as `Policy` serialises (see its docs and the presets); its cells are checked by the reader.",
        "type": "object",
        "required": ["name"],
        "properties": { "name": { "type": "string" } },
    },
}
