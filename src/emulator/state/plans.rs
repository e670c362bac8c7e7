//! The transitions NCP documents, one function per operation and kind of resource, as data for
//! [`Entry::run`](super::life::Entry::run): the phase a record takes when the call is answered, and
//! the later phases on the emulator's timers. Handlers check that the operation is allowed (a server
//! must be stopped to be terminated in VPC, ...) and run its plan; they never set status fields by hand.
//!
//! Status and operation codes are NCP's (spec 8, the API reference's data types); status names are
//! NCP's where documented (`creating`, `booting`, `running`, `shutting down`, `stopped`, `rebooting`,
//! `terminating`, `changingSpec`, `attaching`, `attached`, `detaching`, `using`, `used`, `disusing`).
//! The phases NCP does not document step by step (which status a VPC public IP shows while it is being
//! associated, ...) are the emulator's reading of the code tables.

use super::life::{Delay, Phase, Plan, Step};

/// Servers, both platforms (`serverInstanceStatus` / `serverInstanceOperation`).
pub mod server {
    use super::*;

    pub const CREATING: Phase = Phase::new("INIT", "CREAT", "creating");
    pub const BOOTING: Phase = Phase::new("CREAT", "START", "booting");
    pub const RUNNING: Phase = Phase::new("RUN", "NULL", "running");
    pub const STOPPED: Phase = Phase::new("NSTOP", "NULL", "stopped");

    /// `createServerInstances`: creating, then booting, then running.
    pub fn create<T>() -> Plan<T> {
        Plan::new(
            CREATING,
            vec![Step::to(Delay::Create, BOOTING), Step::to(Delay::Operation, RUNNING)],
        )
    }
    /// `stopServerInstances` (of a running server).
    pub fn stop<T>() -> Plan<T> {
        Plan::new(
            Phase::op("SHTDN", "shutting down"),
            vec![Step::to(Delay::Operation, STOPPED)],
        )
    }
    /// `startServerInstances` (of a stopped server).
    pub fn start<T>() -> Plan<T> {
        Plan::new(Phase::op("START", "booting"), vec![Step::to(Delay::Operation, RUNNING)])
    }
    /// `rebootServerInstances` (of a running server).
    pub fn reboot<T>() -> Plan<T> {
        Plan::new(
            Phase::op("RESTA", "rebooting"),
            vec![Step::to(Delay::Operation, RUNNING)],
        )
    }
    /// `changeServerInstanceSpec` (of a stopped server).
    pub fn change_spec<T>() -> Plan<T> {
        Plan::new(
            Phase::op("CHNG", "changingSpec"),
            vec![Step::to(Delay::Operation, STOPPED)],
        )
    }
    /// `terminateServerInstances`: terminating, then gone.
    pub fn terminate<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}

/// Images of every kind (spec 8.1, 8.2) and block storage snapshots: `INIT`/`CREAT` creating, then
/// `CREAT`/`NULL` created (or `CREFL` when the creation was drawn to fail); deleted: `TERMT`
/// terminating, then gone.
pub mod image {
    use super::*;

    pub const CREATING: Phase = Phase::new("INIT", "CREAT", "creating");
    pub const CREATED: Phase = Phase::new("CREAT", "NULL", "created");
    pub const FAILED: Phase = Phase::new("CREFL", "NULL", "createFailed");

    /// A creation; `then` runs when it succeeds.
    pub fn create<T>(fail: bool, then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        let done = if fail {
            Step::to(Delay::Create, FAILED)
        } else {
            Step::to(Delay::Create, CREATED).then(then)
        };
        Plan::new(CREATING, vec![done])
    }
    /// A deletion: the status stays, the operation is `TERMT`.
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}

/// Block storage, both platforms: `INIT` while created, `ATTAC` attached, `CREAT` detached.
pub mod block_storage {
    use super::*;

    pub const ATTACHED: Phase = Phase::new("ATTAC", "NULL", "attached");
    pub const DETACHED: Phase = Phase::new("CREAT", "NULL", "created");

    /// `createBlockStorageInstance`: attached at once when a server is given (XEN), else detached.
    pub fn create<T>(attached: bool) -> Plan<T> {
        let done = if attached { ATTACHED } else { DETACHED };
        Plan::new(
            Phase::new("INIT", "CREAT", "creating"),
            vec![Step::to(Delay::Create, done)],
        )
    }
    pub fn attach<T>() -> Plan<T> {
        Plan::new(
            Phase::op("ATTAC", "attaching"),
            vec![Step::to(Delay::Operation, ATTACHED)],
        )
    }
    /// `detachBlockStorageInstances`; `then` clears the server fields once detached.
    pub fn detach<T>(then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        Plan::new(
            Phase::op("DETAC", "detaching"),
            vec![Step::to(Delay::Operation, DETACHED).then(then)],
        )
    }
    /// `changeBlockStorageVolumeSize`: back to `rest` (attached or detached) when done.
    pub fn change<T>(rest: Phase) -> Plan<T> {
        Plan::new(Phase::op("CHNG", "changing"), vec![Step::to(Delay::Operation, rest)])
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}

/// Classic public IPs: `CREAT` free, `USED` associated with a server.
pub mod classic_public_ip {
    use super::*;

    pub const FREE: Phase = Phase::new("CREAT", "NULL", "created");
    pub const USED: Phase = Phase::new("USED", "NULL", "used");

    pub fn create<T>() -> Plan<T> {
        Plan::new(
            Phase::new("INIT", "CREAT", "creating"),
            vec![Step::to(Delay::Create, FREE)],
        )
    }
    pub fn associate<T>() -> Plan<T> {
        Plan::new(Phase::op("USE", "using"), vec![Step::to(Delay::Operation, USED)])
    }
    pub fn disassociate<T>(then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        Plan::new(
            Phase::op("DISUS", "disusing"),
            vec![Step::to(Delay::Operation, FREE).then(then)],
        )
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}

/// VPC public IPs: `INIT` while created, `SET` while (dis)associated, `RUN` ready, `TERMTING`.
pub mod public_ip {
    use super::*;

    pub const READY: Phase = Phase::new("RUN", "NULL", "run");

    pub fn create<T>() -> Plan<T> {
        Plan::new(
            Phase::new("INIT", "CREAT", "init"),
            vec![Step::to(Delay::Create, READY)],
        )
    }
    /// Association and disassociation alike; `then` sets or clears the server fields once done.
    pub fn set<T>(then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        Plan::new(
            Phase::new("SET", "NULL", "set"),
            vec![Step::to(Delay::Operation, READY).then(then)],
        )
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(
            Phase::new("TERMTING", "TERMT", "terminating"),
            vec![Step::gone(Delay::Delete)],
        )
    }
}

/// Classic NAS volumes.
pub mod nas {
    use super::*;

    pub const CREATED: Phase = Phase::new("CREAT", "NULL", "created");

    pub fn create<T>() -> Plan<T> {
        Plan::new(
            Phase::new("INIT", "CREAT", "creating"),
            vec![Step::to(Delay::Create, CREATED)],
        )
    }
    /// A size or access-list change.
    pub fn change<T>() -> Plan<T> {
        Plan::new(Phase::op("CHNG", "changing"), vec![Step::to(Delay::Operation, CREATED)])
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}

/// Classic load balancers, as the old Go SDK's recorded answers show them: created `INIT`/`USE`
/// (`creating`), in service `USED`/`NULL` (`used`), changed `USED`/`CHANG` (`changing`), deleted
/// `USED`/`TERMT` (`terminating`).
pub mod load_balancer {
    use super::*;

    pub const USED: Phase = Phase::new("USED", "NULL", "used");

    pub fn create<T>() -> Plan<T> {
        Plan::new(
            Phase::new("INIT", "USE", "creating"),
            vec![Step::to(Delay::Create, USED)],
        )
    }
    /// A change of rules, servers or settings.
    pub fn change<T>() -> Plan<T> {
        Plan::new(Phase::op("CHANG", "changing"), vec![Step::to(Delay::Operation, USED)])
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}

/// VPCs, subnets and VPC access control groups (a status code only): `INIT`/`CREATING` while created,
/// `RUN`, `SET` while an access control group's rules change, `TERMTING` while deleted.
pub mod network {
    use super::*;

    pub const RUN: Phase = Phase::status("RUN");

    pub fn create<T>() -> Plan<T> {
        Plan::new(Phase::status("CREATING"), vec![Step::to(Delay::Create, RUN)])
    }
    /// A creation answered `INIT` (NCP's `createVpc` and `createSubnet` example answers), `RUN`
    /// after `createDelayMs`.
    pub fn create_from_init<T>() -> Plan<T> {
        Plan::new(Phase::status("INIT"), vec![Step::to(Delay::Create, RUN)])
    }
    /// An access control group whose rules change.
    pub fn set<T>() -> Plan<T> {
        Plan::new(Phase::status("SET"), vec![Step::to(Delay::Operation, RUN)])
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::status("TERMTING"), vec![Step::gone(Delay::Delete)])
    }
}

/// VPC network interfaces: `NOTUSED` free, `USED` attached, `SET`/`UNSET` while (de)attached.
pub mod network_interface {
    use super::*;

    pub const USED: Phase = Phase::status("USED");
    pub const NOT_USED: Phase = Phase::status("NOTUSED");

    pub fn create<T>() -> Plan<T> {
        Plan::new(Phase::status("SET"), vec![Step::to(Delay::Create, NOT_USED)])
    }
    pub fn attach<T>() -> Plan<T> {
        Plan::new(Phase::status("SET"), vec![Step::to(Delay::Operation, USED)])
    }
    pub fn detach<T>(then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        Plan::new(
            Phase::status("UNSET"),
            vec![Step::to(Delay::Operation, NOT_USED).then(then)],
        )
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::status("UNSET"), vec![Step::gone(Delay::Delete)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::model::{Code, ServerInstance};
    use crate::emulator::state::{Entry, Resource, Settings, Store};
    use std::time::{Duration, Instant};

    fn settings() -> Settings {
        Settings {
            create_delay_ms: 100,
            delete_delay_ms: 40,
            operation_delay_ms: Some(50),
            ..Settings::default()
        }
    }

    fn at(store: &Store<ServerInstance>) -> (String, String, String) {
        let r = &store.items[0].rec;
        (r.status().into(), r.operation().into(), r.status_name().into())
    }

    fn phase(s: &str, o: &str, n: &str) -> (String, String, String) {
        (s.into(), o.into(), n.into())
    }

    #[test]
    fn a_server_lives_on_the_timers_creating_running_stopped_started_rebooted_terminated() {
        let s = settings();
        let t0 = Instant::now();
        let ms = |n: u64| t0 + Duration::from_millis(n);
        let mut store = Store::default();
        let server = ServerInstance {
            server_instance_no: Some("9001".into()),
            region_code: Some("KR".into()),
            ..ServerInstance::default()
        };
        store.push(Entry::new(server, t0)).run(t0, server::create());
        assert_eq!(at(&store), phase("INIT", "CREAT", "creating"));
        assert_eq!(
            store.items[0].rec.server_instance_status,
            Some(Code::new("INIT", "Server INIT state"))
        );
        assert!(store.items[0].busy());
        store.tick(ms(99), &s);
        assert_eq!(at(&store), phase("INIT", "CREAT", "creating"));
        store.tick(ms(100), &s);
        assert_eq!(at(&store), phase("CREAT", "START", "booting"));
        // The next step counts from when the previous one was due, not from when someone looked.
        store.tick(ms(150), &s);
        assert_eq!(at(&store), phase("RUN", "NULL", "running"));
        assert_eq!(
            store.items[0].rec.server_instance_operation,
            Some(Code::new("NULL", "Server NULL OP"))
        );
        assert!(!store.items[0].busy());

        let e = store.find_mut("9001", Some("KR")).unwrap();
        e.run(ms(200), server::stop());
        assert_eq!(at(&store), phase("RUN", "SHTDN", "shutting down"));
        store.tick(ms(250), &s);
        assert_eq!(at(&store), phase("NSTOP", "NULL", "stopped"));

        store.items[0].run(ms(300), server::start());
        assert_eq!(at(&store), phase("NSTOP", "START", "booting"));
        // A timer changed meanwhile applies to the steps still waiting.
        let slow = Settings {
            operation_delay_ms: Some(500),
            ..settings()
        };
        store.tick(ms(360), &slow);
        assert_eq!(at(&store), phase("NSTOP", "START", "booting"));
        store.tick(ms(800), &slow);
        assert_eq!(at(&store), phase("RUN", "NULL", "running"));

        store.items[0].run(ms(900), server::reboot());
        assert_eq!(at(&store), phase("RUN", "RESTA", "rebooting"));
        store.tick(ms(950), &s);
        assert_eq!(at(&store), phase("RUN", "NULL", "running"));

        store.items[0].run(ms(1000), server::terminate());
        assert_eq!(at(&store), phase("RUN", "TERMT", "terminating"));
        assert!(store.items[0].terminating());
        store.tick(ms(1039), &s);
        assert_eq!(store.items.len(), 1);
        store.tick(ms(1040), &s);
        assert!(store.items.is_empty(), "a terminated server is gone");
    }

    #[test]
    fn a_deletion_replaces_a_creation_still_running_and_effects_run_once_done() {
        let s = settings();
        let t0 = Instant::now();
        let mut store: Store<crate::emulator::model::MemberServerImageInstance> = Store::default();
        let image = crate::emulator::model::MemberServerImageInstance {
            member_server_image_instance_no: Some("1".into()),
            ..Default::default()
        };
        let plan = image::create(false, |i: &mut crate::emulator::model::MemberServerImageInstance| {
            i.member_server_image_block_storage_total_rows = Some(1)
        });
        store.push(Entry::new(image, t0)).run(t0, plan);
        store.tick(t0 + Duration::from_millis(100), &s);
        let r = &store.items[0].rec;
        assert_eq!(
            (r.status(), r.operation(), r.status_name()),
            ("CREAT", "NULL", "created")
        );
        assert_eq!(r.member_server_image_block_storage_total_rows, Some(1));

        let image2 = crate::emulator::model::MemberServerImageInstance {
            member_server_image_instance_no: Some("2".into()),
            ..Default::default()
        };
        store.push(Entry::new(image2, t0)).run(t0, image::create(false, |_| {}));
        store.items[1].run(t0 + Duration::from_millis(10), image::delete());
        let r = &store.items[1].rec;
        assert_eq!(
            (r.status(), r.operation(), r.status_name()),
            ("INIT", "TERMT", "terminating")
        );
        store.tick(t0 + Duration::from_millis(50), &s);
        assert_eq!(store.items.len(), 1, "gone, and never created");
    }
}
