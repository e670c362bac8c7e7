//! The answers the emulator gives when something is wrong: NCP error bodies with their codes, and
//! injected faults for testing a caller's error handling.
//!
//! NCP does not publish the return codes of every image error (spec 7.3 marks them unconfirmed). The
//! codes the spec names are used as named (900, 10300, 24120, 25008, 25018, 1300); the others are the
//! emulator's own choice and are documented as such in the README.

use super::model::Kind;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiFault {
    pub http_status: u16,
    pub return_code: &'static str,
    pub return_message: String,
}

fn fault(http_status: u16, return_code: &'static str, return_message: impl Into<String>) -> ApiFault {
    ApiFault {
        http_status,
        return_code,
        return_message: return_message.into(),
    }
}

pub fn missing_param(names: &[String]) -> ApiFault {
    fault(
        400,
        "900",
        format!("Required field is not specified. location : {}", names.join(",")),
    )
}

pub fn invalid_param(message: &str) -> ApiFault {
    fault(400, "901", format!("Invalid parameter. {message}"))
}

pub fn server_not_found(no: &str) -> ApiFault {
    fault(
        400,
        "24120",
        format!("Invalid server instance number. (serverInstanceNo: {no})"),
    )
}

pub fn image_not_found(kind: &str, no: &str) -> ApiFault {
    fault(400, "10404", format!("The {kind} does not exist. ({no})"))
}

pub fn name_in_use(name: &str) -> ApiFault {
    fault(400, "10300", format!("The name is already in use. ({name})"))
}

pub fn server_not_ready(no: &str, status: &str) -> ApiFault {
    fault(
        400,
        "25008",
        format!("A server image can be created only from a stopped or running server. (serverInstanceNo: {no}, status: {status})"),
    )
}

pub fn server_busy(no: &str) -> ApiFault {
    fault(
        400,
        "25018",
        format!("An image of this server is already being created. (serverInstanceNo: {no})"),
    )
}

pub fn kvm_not_supported(no: &str) -> ApiFault {
    fault(
        400,
        "25031",
        format!("KVM hypervisor servers are not supported by member server images; use createServerImage. (serverInstanceNo: {no})"),
    )
}

pub fn not_bootable(no: &str) -> ApiFault {
    fault(
        400,
        "25032",
        format!("The base storage must come from a bootable KVM snapshot. (snapshotInstanceNo: {no})"),
    )
}

pub fn image_busy(kind: &str, no: &str, state: &str) -> ApiFault {
    fault(
        400,
        "25033",
        format!("The {kind} is {state} and cannot take this operation now. ({no})"),
    )
}

pub fn ncp_image_read_only(no: &str) -> ApiFault {
    fault(
        400,
        "25034",
        format!("NCP-provided server images cannot be changed. ({no})"),
    )
}

pub fn invalid_region(code: &str) -> ApiFault {
    fault(400, "10501", format!("Invalid regionCode. ({code})"))
}

/// No record of that kind and number (in the call's region): the kind's `not_found` code (model,
/// `[kinds.*]`): `24120` for servers and `10405` for snapshots as above, `10404` for every other kind.
pub fn not_found(kind: Kind, no: &str) -> ApiFault {
    let facts = kind.facts();
    match facts.not_found {
        "24120" => server_not_found(no),
        code => fault(400, code, format!("The {} does not exist. ({no})", facts.label)),
    }
}

/// The record cannot take this operation in its current state (an operation still running, or a
/// status the operation does not start from): the kind's `busy` code (model, `[kinds.*]`): `25033`
/// for images as above, `25013` ("in operation", a code NCP returns for servers and storage that are
/// busy, spec 7.3) for every other kind, on both platforms.
pub fn not_now(kind: Kind, no: &str, state: &str) -> ApiFault {
    let facts = kind.facts();
    fault(
        400,
        facts.busy,
        format!(
            "The {} is {state} and cannot take this operation now. ({no})",
            facts.label
        ),
    )
}

/// A fault injected by a test: the next `count` matching requests get this answer instead of the
/// normal one (after the signature check).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InjectedFault {
    /// Only requests for this action (any action when absent).
    #[serde(default)]
    pub action: Option<String>,
    /// How many requests it answers (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// HTTP status (default 500).
    #[serde(default = "five_hundred")]
    pub status: u16,
    /// NCP return code for an API error body (default "1300", NCP's "try again later").
    #[serde(default)]
    pub return_code: Option<String>,
    #[serde(default)]
    pub return_message: Option<String>,
    /// A raw body to send instead of an NCP error (truncated XML, an HTML page, "" ...).
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    /// Wait this long before answering (to test timeouts).
    #[serde(default)]
    pub delay_ms: u64,
    /// Extra response headers (`Location` for a redirect, `Retry-After` ...).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
}

impl InjectedFault {
    /// Refuses settings that cannot mean what they say.
    pub fn check(&self) -> Result<(), String> {
        if self.count < 1 {
            return Err(format!("injectFault count must be at least 1, got {}", self.count));
        }
        if !(100..=999).contains(&self.status) {
            return Err(format!(
                "injectFault status must be an HTTP status (100-999), got {}",
                self.status
            ));
        }
        for (name, value) in &self.headers {
            if hyper::header::HeaderName::from_bytes(name.as_bytes()).is_err()
                || hyper::header::HeaderValue::from_str(value).is_err()
            {
                return Err(format!("injectFault header '{name}' is not a valid HTTP header"));
            }
        }
        Ok(())
    }
}

fn one() -> u32 {
    1
}
fn five_hundred() -> u16 {
    500
}

// ------------------------------------------------------------------------------------------------
// The server clouds' refusals, one code per meaning for both (VPC vserver/v2 and vpc/v2, Classic
// server/v2). NCP's reference pages list no return code for these (they point to the common status
// codes), so the codes are the emulator's own, in the range of the image ones above, and documented in
// the README; the rule each one enforces is NCP's, cited where the handler checks it.

/// A record still used by others cannot be deleted (a VPC with subnets, a subnet with interfaces, an
/// access control group on an interface, a login key, ...): `25035`.
pub fn in_use(kind: Kind, no: &str, by: &str) -> ApiFault {
    fault(
        400,
        "25035",
        format!(
            "The {} is in use by {by} and cannot be deleted now. ({no})",
            kind.label()
        ),
    )
}

/// A limit NCP documents is reached (VPCs per region, subnets per VPC, rules per group, storage per
/// server ...): `25036`.
pub fn limit(what: &str, max: usize) -> ApiFault {
    fault(400, "25036", format!("The limit of {what} ({max}) is reached."))
}

/// A public IP for a server outside a public subnet: `25037`.
pub fn not_public_subnet(server_no: &str) -> ApiFault {
    fault(
        400,
        "25037",
        format!("A public IP can be assigned only to a server in a public subnet. (serverInstanceNo: {server_no})"),
    )
}

/// Addresses that clash: overlapping CIDR blocks, an IP outside its subnet or already taken: `25038`.
pub fn address_conflict(message: impl Into<String>) -> ApiFault {
    fault(400, "25038", message.into())
}

/// Termination or return protection is on: `25039`.
pub fn protected(kind: Kind, no: &str) -> ApiFault {
    fault(
        400,
        "25039",
        format!(
            "The {} is protected against termination; turn its protection off first. ({no})",
            kind.label()
        ),
    )
}

/// An operation the record's hypervisor (or type) does not support: `25040`.
pub fn unsupported(message: impl Into<String>) -> ApiFault {
    fault(400, "25040", message.into())
}

/// The private key given does not decrypt the server's password (not the key of its login key): `25041`.
pub fn wrong_private_key(server_no: &str) -> ApiFault {
    fault(
        400,
        "25041",
        format!("The private key does not match the login key of the server. (serverInstanceNo: {server_no})"),
    )
}

/// A login key still assigned to a server is not deleted: `10407`, the code NCP's Classic
/// `deleteLoginKey` reference publishes ("{0} is the authentication key being used by {1} server").
pub fn login_key_in_use(name: &str, server_no: &str) -> ApiFault {
    fault(
        400,
        "10407",
        format!("{name} is the authentication key being used by {server_no} server."),
    )
}

/// Records that must belong together do not (a subnet of another VPC, an access control group of
/// another VPC, a server in another zone ...): `25042`.
pub fn mismatch(message: impl Into<String>) -> ApiFault {
    fault(400, "25042", message.into())
}

/// A server that has a public IP already: `28100`, the code NCP's Classic `createPublicIpInstance`
/// reference publishes for it ("Another public IP is already associated with the server").
pub fn has_public_ip(server_no: &str) -> ApiFault {
    fault(
        400,
        "28100",
        format!("Another public IP is already associated with the server. (serverInstanceNo: {server_no})"),
    )
}

/// More public IPs than servers: `10101`, the code of NCP's `createPublicIpInstance` reference ("You
/// may request as many public IPs as the number of server in possession").
pub fn public_ip_quota(servers: usize) -> ApiFault {
    fault(
        400,
        "10101",
        format!("Unable to request for public IP. You may request as many public IPs as the number of servers in possession ({servers})."),
    )
}

// ------------------------------------------------------------------------------------------------
// The Classic cloud (server/v2) refuses with the codes above (records in use `25035`, limits `25036`,
// addresses or ports taken `25038`, protection `25039`, a private key that is not the login key's
// `25041`, a second public IP for a server `28100`) and this one:

/// A product code (OS image, server spec), zone or configuration that names nothing: `10404`, as
/// other unknown records.
pub fn product_not_found(what: &str, code: &str) -> ApiFault {
    fault(400, "10404", format!("The {what} does not exist. ({code})"))
}
