//! Every kind of resource: its label (in error messages), the names NCP gives its status and
//! operation codes, and which fields of its record hold its number, status and region.
//!
//! Code names: where NCP's answers or documentation show them they are used as shown (`Server RUN
//! state`, `NSI CREATED state`, `Block storage CREATED state`, `Block Storage NULLOP`, `NET USED
//! state` (public IPs and load balancers) ...); where they are not published, the emulator follows the same pattern
//! (documented as its own choice in the README).

use super::life::{Phase, Resource};
use crate::emulator::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Server,
    ClassicImage,
    MemberImage,
    ServerImage,
    ClassicSnapshot,
    Snapshot,
    BlockStorage,
    ClassicPublicIp,
    PublicIp,
    LoginKey,
    InitScript,
    PlacementGroup,
    ClassicAcg,
    ClassicAcgRule,
    Acg,
    /// A VPC access control group's rule (no number of its own).
    AcgRule,
    ClassicNic,
    Nic,
    Vpc,
    Subnet,
    Nas,
    LoadBalancer,
    FabricCluster,
    /// A server spec (a look-up, no life of its own).
    ServerSpec,
}

impl Kind {
    /// What its not-found and busy errors call it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Server => "server instance",
            Kind::ClassicImage => "member server image",
            Kind::MemberImage => "member server image instance",
            Kind::ServerImage => "server image",
            Kind::ClassicSnapshot | Kind::Snapshot => "block storage snapshot",
            Kind::BlockStorage => "block storage instance",
            Kind::ClassicPublicIp | Kind::PublicIp => "public IP instance",
            Kind::LoginKey => "login key",
            Kind::InitScript => "init script",
            Kind::PlacementGroup => "placement group",
            Kind::ClassicAcg | Kind::Acg => "access control group",
            Kind::AcgRule => "access control group rule",
            Kind::ClassicAcgRule => "access control rule",
            Kind::ClassicNic | Kind::Nic => "network interface",
            Kind::Vpc => "VPC",
            Kind::Subnet => "subnet",
            Kind::Nas => "NAS volume instance",
            Kind::LoadBalancer => "load balancer instance",
            Kind::FabricCluster => "fabric cluster",
            Kind::ServerSpec => "server spec",
        }
    }

    /// `{ code, codeName }` of a status code.
    pub fn status_code(self, code: &str) -> Code {
        let name = match (self, code) {
            (Kind::Server, c) => format!("Server {c} state"),
            (Kind::ServerImage, "INIT") => "Server init state".into(),
            (Kind::ServerImage, "CREAT") => "Server created state".into(),
            (Kind::ServerImage, "CREFL") => "Server create failed state".into(),
            (Kind::ClassicImage | Kind::MemberImage, "INIT") => "NSI INIT state".into(),
            (Kind::ClassicImage | Kind::MemberImage, "CREAT") => "NSI CREATED state".into(),
            (Kind::ClassicImage | Kind::MemberImage, "CREFL") => "NSI CREATE FAILED state".into(),
            (Kind::Snapshot, c) => format!("Snapshot {} state", long(c).to_ascii_lowercase()),
            (Kind::ClassicSnapshot, c) => format!("Block storage snapshot {} state", long(c)),
            (Kind::BlockStorage, c) => format!("Block storage {} state", long(c)),
            (Kind::ClassicPublicIp, c) => format!("NET {} state", long(c)),
            // NCP's answers name a load balancer's codes as a public IP's (the old Go SDK's fixtures:
            // `NET INIT state`, `NET USED state`, `NET USE OP`, `NET CHANGE OP`, `NET TERMINATED OP`).
            (Kind::LoadBalancer, c) => format!("NET {} state", long(c)),
            (Kind::Nas, c) => format!("NAS {} state", long(c)),
            (_, c) => words(c).to_string(),
        };
        Code::new(code, &name)
    }

    /// `{ code, codeName }` of an operation code.
    pub fn operation_code(self, code: &str) -> Code {
        let name = match (self, code) {
            (Kind::Server, c) => format!("Server {c} OP"),
            (Kind::ServerImage, "NULL") => "NULL OP".into(),
            (Kind::ServerImage, "CREAT") => "CREATE OP".into(),
            (Kind::ServerImage, "TERMT") => "TERMINATE OP".into(),
            (Kind::ClassicImage, "NULL") => "NSI NULLOP".into(),
            (Kind::MemberImage, "NULL") => "NSI NULL OP".into(),
            (Kind::ClassicImage | Kind::MemberImage, "CREAT") => "NSI CREAT OP".into(),
            (Kind::ClassicImage | Kind::MemberImage, "TERMT") => "NSI TERMINATE OP".into(),
            (Kind::Snapshot, c) => format!("Snapshot {} OP", op_long(c)),
            (Kind::ClassicSnapshot, c) => format!("Block storage snapshot {} OP", op_long(c)),
            (Kind::BlockStorage, "NULL") => "Block Storage NULLOP".into(),
            (Kind::BlockStorage, c) => format!("Block Storage {} OP", op_long(c)),
            (Kind::ClassicPublicIp, c) => format!("NET {} OP", op_long(c)),
            (Kind::LoadBalancer, "TERMT") => "NET TERMINATED OP".into(),
            (Kind::LoadBalancer, c) => format!("NET {} OP", op_long(c)),
            (Kind::Nas, c) => format!("NAS {} OP", op_long(c)),
            (_, c) => format!("{c} OP"),
        };
        Code::new(code, &name)
    }
}

/// A status code spelt out as NCP's Classic code names do.
fn long(code: &str) -> &str {
    match code {
        "CREAT" => "CREATED",
        "ATTAC" => "ATTACHED",
        "TERMT" => "TERMINATED",
        "NAVAI" => "NOT AVAILABLE",
        other => other,
    }
}

/// An operation code spelt out.
fn op_long(code: &str) -> &str {
    match code {
        "CREAT" => "CREATE",
        "ATTAC" => "ATTACH",
        "DETAC" => "DETACH",
        "TERMT" => "TERMINATE",
        "CHNG" | "CHANG" => "CHANGE",
        "DISUS" => "DISUSE",
        other => other,
    }
}

/// The VPC network statuses, in the words of NCP's documentation.
fn words(code: &str) -> &str {
    match code {
        "INIT" => "Initiated",
        "CREATING" => "Creating",
        "RUN" => "Run",
        "SET" => "Set",
        "UNSET" => "Unset",
        "USED" => "Used",
        "NOTUSED" => "Not Used",
        "TERMTING" => "Terminating",
        other => other,
    }
}

fn vpc(region_code: &Option<String>) -> Option<&str> {
    region_code.as_deref()
}

fn classic(region: &Option<ClassicRegion>) -> Option<&str> {
    region.as_ref().and_then(|r| r.region_no.as_deref())
}

fn none<T>(_: &T) -> Option<&'static str> {
    None
}

/// `impl Resource` from the names of the fields holding the number, the status codes and the region.
macro_rules! resource {
    ($t:ty, $kind:expr, no: $no:ident, status: $st:ident, operation: $op:ident, name: $nm:ident, region: $rf:ident($($rfield:ident)?)) => {
        impl Resource for $t {
            const KIND: Kind = $kind;
            fn no(&self) -> &str {
                s(&self.$no)
            }
            fn status(&self) -> &str {
                c(&self.$st)
            }
            fn operation(&self) -> &str {
                c(&self.$op)
            }
            fn status_name(&self) -> &str {
                s(&self.$nm)
            }
            fn set_phase(&mut self, p: &Phase) {
                if let Some(code) = p.status {
                    self.$st = Some(Self::KIND.status_code(code));
                }
                if let Some(code) = p.operation {
                    self.$op = Some(Self::KIND.operation_code(code));
                }
                if let Some(name) = p.name {
                    self.$nm = Some(name.to_string());
                }
            }
            fn region(&self) -> Option<&str> {
                $rf(&self$(.$rfield)?)
            }
        }
    };
    ($t:ty, $kind:expr, no: $no:ident, status: $st:ident, region: $rf:ident($($rfield:ident)?)) => {
        impl Resource for $t {
            const KIND: Kind = $kind;
            fn no(&self) -> &str {
                s(&self.$no)
            }
            fn status(&self) -> &str {
                c(&self.$st)
            }
            fn operation(&self) -> &str {
                ""
            }
            fn status_name(&self) -> &str {
                ""
            }
            fn set_phase(&mut self, p: &Phase) {
                if let Some(code) = p.status {
                    self.$st = Some(Self::KIND.status_code(code));
                }
            }
            fn region(&self) -> Option<&str> {
                $rf(&self$(.$rfield)?)
            }
        }
    };
    ($t:ty, $kind:expr, no: $no:ident, region: $rf:ident($($rfield:ident)?)) => {
        impl Resource for $t {
            const KIND: Kind = $kind;
            fn no(&self) -> &str {
                s(&self.$no)
            }
            fn status(&self) -> &str {
                ""
            }
            fn operation(&self) -> &str {
                ""
            }
            fn status_name(&self) -> &str {
                ""
            }
            fn set_phase(&mut self, _: &Phase) {}
            fn region(&self) -> Option<&str> {
                $rf(&self$(.$rfield)?)
            }
        }
    };
}

resource!(ClassicServer, Kind::Server, no: server_instance_no, status: server_instance_status, operation: server_instance_operation, name: server_instance_status_name, region: classic(region));
resource!(VpcServer, Kind::Server, no: server_instance_no, status: server_instance_status, operation: server_instance_operation, name: server_instance_status_name, region: vpc(region_code));
resource!(ClassicImage, Kind::ClassicImage, no: member_server_image_no, status: member_server_image_status, operation: member_server_image_operation, name: member_server_image_status_name, region: classic(region));
resource!(MemberInstance, Kind::MemberImage, no: member_server_image_instance_no, status: member_server_image_instance_status, operation: member_server_image_instance_operation, name: member_server_image_instance_status_name, region: vpc(region_code));
resource!(ServerImage, Kind::ServerImage, no: server_image_no, status: server_image_status, operation: server_image_operation, name: server_image_status_name, region: vpc(region_code));
resource!(ClassicSnapshot, Kind::ClassicSnapshot, no: block_storage_snapshot_instance_no, status: block_storage_snapshot_instance_status, operation: block_storage_snapshot_instance_operation, name: block_storage_snapshot_instance_status_name, region: vpc(region_no));
resource!(Snapshot, Kind::Snapshot, no: block_storage_snapshot_instance_no, status: block_storage_snapshot_instance_status, operation: block_storage_snapshot_instance_operation, name: block_storage_snapshot_instance_status_name, region: vpc(region_code));
resource!(ClassicBlockStorage, Kind::BlockStorage, no: block_storage_instance_no, status: block_storage_instance_status, operation: block_storage_instance_operation, name: block_storage_instance_status_name, region: classic(region));
resource!(BlockStorage, Kind::BlockStorage, no: block_storage_instance_no, status: block_storage_instance_status, operation: block_storage_instance_operation, name: block_storage_instance_status_name, region: vpc(region_code));
resource!(ClassicPublicIp, Kind::ClassicPublicIp, no: public_ip_instance_no, status: public_ip_instance_status, operation: public_ip_instance_operation, name: public_ip_instance_status_name, region: classic(region));
resource!(PublicIp, Kind::PublicIp, no: public_ip_instance_no, status: public_ip_instance_status, operation: public_ip_instance_operation, name: public_ip_instance_status_name, region: vpc(region_code));
resource!(LoginKey, Kind::LoginKey, no: key_name, region: none());
resource!(InitScript, Kind::InitScript, no: init_script_no, region: vpc(region_code));
resource!(PlacementGroup, Kind::PlacementGroup, no: placement_group_no, region: vpc(region_code));
resource!(AccessControlGroup, Kind::ClassicAcg, no: access_control_group_configuration_no, region: none());
resource!(AccessControlRule, Kind::ClassicAcgRule, no: access_control_rule_configuration_no, region: none());
resource!(VpcAccessControlGroup, Kind::Acg, no: access_control_group_no, status: access_control_group_status, region: vpc(region_code));
resource!(NetworkInterface, Kind::Nic, no: network_interface_no, status: network_interface_status, region: vpc(region_code));
resource!(Vpc, Kind::Vpc, no: vpc_no, status: vpc_status, region: vpc(region_code));
resource!(FabricCluster, Kind::FabricCluster, no: fabric_cluster_no, status: fabric_cluster_status, region: vpc(region_code));
resource!(Subnet, Kind::Subnet, no: subnet_no, status: subnet_status, region: none());
resource!(NasVolume, Kind::Nas, no: nas_volume_instance_no, status: nas_volume_instance_status, operation: nas_volume_instance_operation, name: nas_volume_instance_status_name, region: classic(region));
resource!(LoadBalancer, Kind::LoadBalancer, no: load_balancer_instance_no, status: load_balancer_instance_status, operation: load_balancer_instance_operation, name: load_balancer_instance_status_name, region: classic(region));

/// A Classic network interface's status is plain text (`statusCode`), not a `{ code, codeName }`.
impl Resource for ClassicNetworkInterface {
    const KIND: Kind = Kind::ClassicNic;
    fn no(&self) -> &str {
        s(&self.network_interface_no)
    }
    fn status(&self) -> &str {
        s(&self.status_code)
    }
    fn operation(&self) -> &str {
        ""
    }
    fn status_name(&self) -> &str {
        ""
    }
    fn set_phase(&mut self, p: &Phase) {
        if let Some(code) = p.status {
            self.status_code = Some(code.to_string());
        }
    }
    fn region(&self) -> Option<&str> {
        classic(&self.region)
    }
}
