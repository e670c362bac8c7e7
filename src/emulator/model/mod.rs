//! The emulator's records: what it keeps of every resource, as its own structs (not the client's
//! models). Fixtures are read into them (unknown keys are refused, so a misspelt key is an error, not
//! a field that silently vanishes); an answer is their serde form (field names are the API's, absent
//! optional fields are not sent) rendered through the action's response model. Fields only the
//! emulator uses (`imageTemplate`, `blockStorages`, `regionCode` of VPC images, links such as
//! `serverInstanceNo` of a Classic public IP) are read from fixtures but never sent.
//!
//! Why own structs rather than structs generated from `model/*.toml`: the emulator must be able to
//! disagree with the client (a field the model forgets still exists here, and a test compares the
//! two), it keeps fields the API never sends (links, templates), and one struct may serve both
//! platforms' answers (a login key, an init script) because rendering keeps only the fields of the
//! answer's model. The structs are written once per resource from NAVER's Go SDK v2 models; serde's
//! derive reads and writes them.
//!
//! Seams: [`servers`] (servers and what a launch names: login keys, init scripts, placement groups),
//! [`images`], [`storage`] (block storage, snapshots, NAS), [`network`] (public IPs, access control
//! groups, network interfaces, VPCs and subnets, load balancers).

use serde::{Deserialize, Serialize};

pub mod images;
pub mod network;
pub mod servers;
pub mod storage;

pub use images::*;
pub use network::*;
pub use servers::*;
pub use storage::*;

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
}

/// A record struct: every field optional (absent fields are not sent), camelCase on the wire, unknown
/// keys refused when read from a fixture.
macro_rules! record {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $($(#[$fm])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: Option<$ty>,)*
        }
    };
}
pub(crate) use record;

record!(
    /// Classic `Region`.
    ClassicRegion { region_no: String, region_code: String, region_name: String }
);

record!(
    /// Classic `Zone`.
    ClassicZone { zone_no: String, zone_name: String, zone_code: String, zone_description: String, region_no: String }
);

record!(
    /// VPC `Region`.
    Region { region_code: String, region_name: String }
);

record!(
    /// VPC `Zone`.
    Zone { zone_name: String, zone_code: String, region_code: String, zone_description: String }
);

record!(
    /// `Product` (OS images), both environments.
    Product {
        product_code: String,
        product_name: String,
        product_type: Code,
        product_description: String,
        infra_resource_type: Code,
        infra_resource_detail_type: Code,
        cpu_count: i64,
        memory_size: i64,
        base_block_storage_size: i64,
        platform_type: Code,
        os_information: String,
        disk_type: Code,
        db_kind_code: String,
        add_block_storage_size: i64,
        generation_code: String,
        os_memory_size: i64,
        #[serde(skip_serializing)]
        region_code: String,
    }
);

/// `Option<&String>` as `&str` ("" when absent).
pub fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or_default()
}

/// The code of an optional `{ code, codeName }` ("" when absent).
pub fn c(v: &Option<Code>) -> &str {
    v.as_ref().map(|c| c.code.as_str()).unwrap_or_default()
}
