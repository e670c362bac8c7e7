//! The emulator's records: what it keeps of every resource. They are generated from the model's
//! resource kinds (`[kinds.*]` of `model/*.toml`: each kind's response model, plus the fields the API
//! never sends, `keep`; `[records.*]` for shapes only the emulator has) by `build/emit_kinds.rs`, so
//! a record is its model: a field the model declares exists here without being typed a second time.
//! Fixtures are read into them (unknown keys are refused, so a misspelt key is an error, not a field
//! that silently vanishes); an answer is their wire form (field names are the API's, absent optional
//! fields are not sent) rendered through the action's response model, which leaves out the fields
//! only the emulator uses (links, templates).
//!
//! Reading and writing a record are written once, in `record!`, through a `serde_json` map (one
//! generic call per field type rather than serde's derived visitors per struct), which keeps the addon
//! small: about 0.1 MB for all of them where the derive cost 0.75 MB. [`Kind`] names every kind, and
//! [`KINDS`] holds each one's facts (label, return codes, code names).

pub mod life;

pub use life::{Delay, From, Life, Next, Phase, Transition};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `{ code, codeName }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Code {
    pub code: String,
    pub code_name: String,
}

impl Code {
    pub fn new(code: &str, code_name: &str) -> Code {
        Code {
            code: code.to_string(),
            code_name: code_name.to_string(),
        }
    }

    /// `{ code, codeName }` with the name a table of the model gives it (`names::SUBNET_TYPE`); a code
    /// the table lacks is its own name.
    pub fn of(table: &[(&str, &str)], code: &str) -> Code {
        let name = table.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n);
        Code::new(code, name)
    }
}

/// A record struct: every field optional (absent fields are not sent), camelCase on the wire, unknown
/// keys refused when read from a fixture. Fields in `keep { }` are the emulator's own: read from
/// fixtures, part of the wire form (look-ups filter on them), never sent (no answer's model has them).
///
/// Reading and writing are written here once rather than derived per struct: they go through a
/// `serde_json` map, one generic call per field type, so that the dozens of record structs do not each
/// instantiate serde's visitors inside `serde_json` (about 0.45 MB of the addon when derived).
macro_rules! record {
    ($(#[$m:meta])* $name:ident {
        $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)?
    } $(keep {
        $($(#[$km:meta])* $kfield:ident : $kty:ty),* $(,)?
    })?) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $($(#[$fm])* pub $field: Option<$ty>,)*
            $($($(#[$km])* pub $kfield: Option<$kty>,)*)?
        }

        impl $crate::emulator::model::ToWire for $name {
            fn to_wire(&self) -> serde_json::Map<String, serde_json::Value> {
                let mut w = $crate::emulator::model::Writer::default();
                $(w.put(stringify!($field), &self.$field);)*
                $($(w.put(stringify!($kfield), &self.$kfield);)*)?
                w.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&$crate::emulator::model::ToWire::to_wire(self), s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field),)* $($(stringify!($kfield),)*)?];
                let mut r = $crate::emulator::model::Reader::new(d)?;
                let rec = $name {
                    $($field: r.take(stringify!($field))?,)*
                    $($($kfield: r.take(stringify!($kfield))?,)*)?
                };
                r.finish(FIELDS)?;
                Ok(rec)
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/records.rs"));

/// What the model says about a kind (`[kinds.*]`): how errors call it, its return codes, the names of
/// its status and operation codes.
#[derive(Debug)]
pub struct KindFacts {
    /// The record type's name (the model's).
    pub name: &'static str,
    pub label: &'static str,
    /// Return code when no record has the number given.
    pub not_found: &'static str,
    /// Return code when a record cannot take an operation in its state.
    pub busy: &'static str,
    pub status_names: &'static [(&'static str, &'static str)],
    pub operation_names: &'static [(&'static str, &'static str)],
    /// Its fields the API never sends (`keep`).
    pub keep: &'static [&'static str],
    /// Its life cycle, for the kinds that have one.
    pub life: Option<&'static Life>,
}

impl Kind {
    pub fn facts(self) -> &'static KindFacts {
        &KINDS[self as usize]
    }

    /// What its not-found and busy errors call it.
    pub fn label(self) -> &'static str {
        self.facts().label
    }

    /// `{ code, codeName }` of a status code (a code without a name is its own name).
    pub fn status_code(self, code: &str) -> Code {
        Code::of(self.facts().status_names, code)
    }

    /// `{ code, codeName }` of an operation code.
    pub fn operation_code(self, code: &str) -> Code {
        Code::of(self.facts().operation_names, code)
    }
}

/// Bytes in a GiB: NCP sizes storage in GB and answers sizes in bytes.
pub const GIB: i64 = 1 << 30;

/// A record's wire form: its fields that are set, by their API names, in declaration order.
pub trait ToWire {
    fn to_wire(&self) -> Map<String, Value>;
}

/// `server_instance_no` -> `serverInstanceNo`.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes the set fields of a record.
#[derive(Default)]
pub struct Writer(pub Map<String, Value>);

impl Writer {
    pub fn put<T: Serialize>(&mut self, field: &str, v: &Option<T>) {
        if let Some(v) = v {
            self.0
                .insert(camel(field), serde_json::to_value(v).unwrap_or(Value::Null));
        }
    }
}

/// Reads a record's fields out of an object, refusing keys that are not its fields.
pub struct Reader(Map<String, Value>);

impl Reader {
    pub fn new<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Reader, D::Error> {
        Map::<String, Value>::deserialize(d).map(Reader)
    }

    /// The field (absent and `null` alike: `None`).
    pub fn take<T: DeserializeOwned, E: serde::de::Error>(&mut self, field: &str) -> Result<Option<T>, E> {
        let name = camel(field);
        match self.0.remove(&name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v)
                .map(Some)
                .map_err(|e| E::custom(format!("{name}: {e}"))),
        }
    }

    /// Refuses what is left: a key the record does not have.
    pub fn finish<E: serde::de::Error>(self, fields: &[&str]) -> Result<(), E> {
        match self.0.keys().next() {
            None => Ok(()),
            Some(k) => {
                let known: Vec<String> = fields.iter().map(|f| format!("`{}`", camel(f))).collect();
                Err(E::custom(format!(
                    "unknown field `{k}`, expected one of {}",
                    known.join(", ")
                )))
            }
        }
    }
}

/// `Option<&String>` as `&str` ("" when absent).
pub fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or_default()
}

/// The code of an optional `{ code, codeName }` ("" when absent).
pub fn c(v: &Option<Code>) -> &str {
    v.as_ref().map(|c| c.code.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_and_write_their_api_names_and_refuse_unknown_keys() {
        assert_eq!(camel("l7_health_check_path"), "l7HealthCheckPath");
        assert_eq!(camel("ipv4_cidr_block"), "ipv4CidrBlock");
        let v = serde_json::json!({"loadBalancerPort": 80, "l7HealthCheckPath": "/", "http2UseYn": "N", "serverPort": null});
        let rule: LoadBalancerRule = serde_json::from_value(v).unwrap();
        assert_eq!(rule.server_port, None);
        assert_eq!(
            serde_json::to_value(&rule).unwrap(),
            serde_json::json!({"loadBalancerPort": 80, "l7HealthCheckPath": "/", "http2UseYn": "N"})
        );
        // Emulator-only fields are read and part of the wire form (look-ups filter on them), and the
        // answer's model has none of them: they are never sent.
        let p: Product = serde_json::from_value(serde_json::json!({"productCode": "P", "regionCode": "KR"})).unwrap();
        assert_eq!(p.region_code.as_deref(), Some("KR"));
        assert_eq!(
            Value::Object(p.to_wire()),
            serde_json::json!({"productCode": "P", "regionCode": "KR"})
        );
        let model = crate::catalog::ALL_MODELS.iter().find(|m| m.name == "Product").unwrap();
        for keep in Kind::Product.facts().keep {
            assert!(model.field(keep).is_none(), "{keep}");
        }
        let bad = serde_json::from_value::<Product>(serde_json::json!({"productCode": "P", "colour": 1}));
        assert!(bad
            .unwrap_err()
            .to_string()
            .starts_with("unknown field `colour`, expected one of `productCode`"));
        let wrong = serde_json::from_value::<Product>(serde_json::json!({"cpuCount": "two"}));
        assert!(wrong.unwrap_err().to_string().starts_with("cpuCount: invalid type"));
    }
}
