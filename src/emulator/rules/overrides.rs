//! Where the emulator judges a request differently from the client: the one place that says so. The
//! emulator checks every request against the model (the declarations the client validates with); it
//! reads two kinds of model rules its own way ([`of_model`]) and adds the rules of [`OVERRIDES`], each
//! with the reason the model cannot carry it. Everything else a handler checks is behaviour (records
//! that must exist, states, rules between resources). `emulator::rules` tests that no override restates
//! what the model already says and that each names a parameter of its action.

use super::{invalid, Failure, Rule, Rule::*};
use crate::catalog::{self, Action};
use serde_json::Value;

/// Rules the emulator adds to one parameter of some actions.
pub struct Override {
    /// `api.action` each.
    pub actions: &'static [&'static str],
    /// The parameters, or `list.field` for a field of the items of an object list.
    pub params: &'static [&'static str],
    pub rules: &'static [Rule],
    /// Why the model does not say it.
    pub why: &'static str,
}

impl Override {
    pub fn is(&self, a: &Action) -> bool {
        self.actions
            .iter()
            .any(|name| name.split_once('.') == Some((a.api.name, a.name)))
    }
}

/// How the emulator reads a rule of the model. Two kinds differ from the client's reading:
/// - `image_name`: the client takes the wider reading of seeds 001/002 (upper case accepted) and leaves
///   the case to the API; the emulator, being the API, applies the spec's rule (lower case only).
/// - `codes=set`: the codes the API takes today. An open set the client passes on whatever it holds;
///   the emulator is the API as documented today and refuses the others.
pub fn of_model(rule: &catalog::Rule) -> Option<Rule> {
    use catalog::Rule as M;
    Some(match rule {
        M::Len(lo, hi) => Chars(*lo, *hi),
        M::MaxBytes(max) => Bytes(*max),
        M::ImageName => VpcName,
        M::OneOf(values) | M::Codes(values) => OneOf(values),
        M::OneOfIgnoreCase(values) => OneOfCi(values),
        M::Items(lo, hi) => Items(*lo, *hi),
        M::Unique => Unique,
        M::Check(f) => Model(*f),
        // Part of the integer type (`Spec::of`).
        M::Range(..) => return None,
    })
}

const SDK_OPTIONAL: &str =
    "NCP's reference requires it; NAVER's SDK models mark it optional, and the client sends what the SDKs send";

pub static OVERRIDES: &[Override] = &[
    Override {
        actions: &[
            "server.createLoginKey",
            "server.importLoginKey",
            "vserver.createLoginKey",
            "vserver.importLoginKey",
        ],
        params: &["keyName"],
        rules: &[Check(login_key_name)],
        why: "NCP's reference names the characters of a login key's name (letters, digits, '-' and '_'), which no flag of the model says",
    },
    Override {
        actions: &["vserver.importLoginKey"],
        params: &["keyName"],
        rules: &[Required],
        why: SDK_OPTIONAL,
    },
    Override {
        actions: &["server.getRootPassword"],
        params: &["privateKey"],
        rules: &[Required],
        why: SDK_OPTIONAL,
    },
    Override {
        actions: &["server.getRootPasswordServerInstanceList", "vserver.getRootPasswordServerInstanceList"],
        params: &["rootPasswordServerInstanceList.serverInstanceNo", "rootPasswordServerInstanceList.privateKey"],
        rules: &[Required],
        why: SDK_OPTIONAL,
    },
    Override {
        actions: &["loadbalancer.createLoadBalancerInstance", "loadbalancer.changeLoadBalancerInstanceConfiguration"],
        params: &["loadBalancerRuleList.protocolTypeCode", "loadBalancerRuleList.loadBalancerPort", "loadBalancerRuleList.serverPort"],
        rules: &[Required],
        why: SDK_OPTIONAL,
    },
    Override {
        actions: &["server.createInstanceTags"],
        params: &["instanceTagList.tagKey", "instanceTagList.tagValue"],
        rules: &[Required],
        why: "a new tag names its key and value (NCP's reference); the SDK's InstanceTagParameter, which the model follows, is shared with deleteInstanceTags, where both are optional",
    },
    Override {
        actions: &["server.createNasVolumeInstance"],
        params: &["volumeName"],
        rules: &[Check(nas_volume_name)],
        why: "NCP's reference names the characters of a volume name (letters and digits), which no flag of the model says",
    },
    Override {
        actions: &["server.createNasVolumeInstance", "server.changeNasVolumeSize"],
        params: &["volumeSize"],
        rules: &[Check(nas_volume_size)],
        why: "NCP's reference sizes volumes from 500 to 10000 GB in steps of 100 GB; the model has no step flag",
    },
    Override {
        actions: &[
            "server.createNasVolumeInstance",
            "server.addNasVolumeAccessControl",
            "server.setNasVolumeAccessControl",
        ],
        params: &["accessControlRuleList.writeAccess"],
        rules: &[Bool],
        why: "NCP takes true or false; NAVER's SDK models type it as text, and so does the model",
    },
    Override {
        actions: &["server.addPortForwardingRules", "server.deletePortForwardingRules"],
        params: &["portForwardingRuleList.portForwardingExternalPort"],
        rules: &[Int(1024, 65534)],
        why: "NCP's Classic reference forwards external ports 1024-65534; the client leaves the range to the API (the old 0.1.x surface names a caller's key in its type errors, whatever the port)",
    },
    Override {
        actions: &["server.createBlockStorageInstance"],
        params: &["diskDetailTypeCode"],
        rules: &[OneOfCi(&["SSD", "HDD"])],
        why: "the Classic API takes the disk type in any letter case; `codes=` sets are exact",
    },
    Override {
        actions: &["vserver.createServerInstances"],
        params: &["blockStorageMappingList.blockStorageSize"],
        rules: &[Int(i64::MIN, i64::MAX)],
        why: "a size in GB, an integer (NCP's reference); NAVER's SDK models type it as text, and so does the model",
    },
    Override {
        actions: &["vpc.addRoute", "vpc.removeRoute"],
        params: &["routeList.targetNo", "routeList.targetName"],
        rules: &[Required],
        why: SDK_OPTIONAL,
    },
    Override {
        actions: &["vpc.createVpcPeeringInstance"],
        params: &["targetVpcName"],
        rules: &[With("targetVpcLoginId")],
        why: "NCP's reference requires the target VPC's name when the target is another account's (targetVpcLoginId), a condition between two parameters no flag of the model states for the client",
    },
    Override {
        actions: &["vpc.createVpcPeeringInstance"],
        params: &["targetVpcLoginId"],
        rules: &[Check(login_id)],
        why: "NCP's reference takes the target account's login id in e-mail form, which no flag of the model says",
    },
];

/// A login id: an e-mail address (`name@domain.tld`).
fn login_id(name: &str, v: &Value) -> Result<(), Failure> {
    let t = v.as_str().unwrap_or_default();
    let ok = t.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    });
    match ok && !t.contains(char::is_whitespace) {
        true => Ok(()),
        false => Err(invalid(
            name,
            format!("'{name}' must be a login id in e-mail form (got '{t}')"),
        )),
    }
}

/// Login key names: letters, digits, `-` and `_`.
fn login_key_name(name: &str, v: &Value) -> Result<(), Failure> {
    let t = v.as_str().unwrap_or_default();
    if t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Ok(())
    } else {
        Err(invalid(
            name,
            format!("'{name}' takes letters, digits, '-' and '_' only (got '{t}')"),
        ))
    }
}

/// NAS volume names: letters and digits.
fn nas_volume_name(name: &str, v: &Value) -> Result<(), Failure> {
    let t = v.as_str().unwrap_or_default();
    if t.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(invalid(
            name,
            format!("'{name}' takes letters and digits only (got '{t}')"),
        ))
    }
}

/// NAS volume sizes: 500-10000 GB in steps of 100 GB.
fn nas_volume_size(name: &str, v: &Value) -> Result<(), Failure> {
    match v.as_i64() {
        Some(n) if (500..=10000).contains(&n) && n % 100 == 0 => Ok(()),
        _ => Err(invalid(
            name,
            format!("'{name}' must be 500 to 10000 (GB), in steps of 100, got {v}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Rule, Spec};
    use super::*;
    use crate::catalog::ACTIONS;

    /// The same kind of rule with the same bounds or values.
    fn same(a: &Rule, b: &Rule) -> bool {
        use std::mem::discriminant;
        match (a, b) {
            (Int(a1, a2), Int(b1, b2)) => a1 == b1 && a2 == b2,
            (Chars(a1, a2), Chars(b1, b2)) | (Items(a1, a2), Items(b1, b2)) => a1 == b1 && a2 == b2,
            (Bytes(a), Bytes(b)) => a == b,
            (OneOf(a), OneOf(b)) | (OneOfCi(a), OneOfCi(b)) => a == b,
            (Check(a), Check(b)) => *a as usize == *b as usize,
            _ => discriminant(a) == discriminant(b),
        }
    }

    /// The model's own spec of `path` in `action` (no override applied).
    fn model_spec(action: &'static Action, path: &str) -> Option<Spec> {
        let mut parts = path.split('.');
        let first = parts.next()?;
        let mut spec = Spec::of(action.params.iter().find(|p| p.name == first)?);
        for field in parts {
            spec = spec.fields?.into_iter().find(|s| s.name == field)?;
        }
        Some(spec)
    }

    #[test]
    fn every_override_names_a_parameter_of_its_action_says_why_and_adds_what_the_model_does_not_say() {
        let mut failures = Vec::new();
        for (o, param) in OVERRIDES.iter().flat_map(|o| o.params.iter().map(move |p| (o, *p))) {
            if o.why.trim().is_empty() {
                failures.push(format!("{:?} {param}: no reason given", o.actions));
            }
            for name in o.actions {
                let Some(action) = ACTIONS
                    .iter()
                    .find(|a| name.split_once('.') == Some((a.api.name, a.name)))
                else {
                    failures.push(format!("{name}: no such action"));
                    continue;
                };
                let Some(spec) = model_spec(action, param) else {
                    failures.push(format!("{name} {param}: the model declares no such parameter"));
                    continue;
                };
                for rule in o.rules {
                    if spec.rules.iter().any(|r| same(r, rule)) {
                        failures.push(format!(
                            "{name} {param}: {rule:?} restates the model: drop the override"
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn an_override_reaches_the_check_of_its_action() {
        let action = ACTIONS
            .iter()
            .find(|a| a.api.name == "server" && a.name == "createInstanceTags")
            .expect("createInstanceTags");
        let specs = super::super::specs(action);
        let tags = specs
            .iter()
            .find(|s| s.name == "instanceTagList")
            .expect("instanceTagList");
        let key = tags
            .fields
            .iter()
            .flatten()
            .find(|s| s.name == "tagKey")
            .expect("tagKey");
        assert!(key.rules.iter().any(|r| matches!(r, Required)));
    }
}
