//! Transitions only the Classic platform has (as data for [`Entry::run`](super::life::Entry::run), like
//! [`super::plans`]): public IPs (`CREAT` free, `USED` associated, operations `USE` / `DISUS`), block
//! storage resized and deleted. Status and operation codes are those of NCP's Classic data types
//! (`PublicIpInstance`, `BlockStorageInstance`); their names are the emulator's reading of them where
//! NCP does not publish each phase.

use super::life::{Delay, Effect, Phase, Plan, Step};

/// Classic public IPs (`publicIpInstanceStatus` / `publicIpInstanceOperation`).
pub mod public_ip {
    use super::*;

    pub const CREATED: Phase = Phase::new("CREAT", "NULL", "created");
    pub const USED: Phase = Phase::new("USED", "NULL", "used");

    /// `createPublicIpInstance`: created, then associated when a server was named (`then` links it).
    pub fn create<T>(with_server: Option<Effect<T>>) -> Plan<T> {
        let created = match with_server {
            Some(_) => Phase::new("CREAT", "USE", "using"),
            None => CREATED,
        };
        let mut later = vec![Step::to(Delay::Create, created)];
        if let Some(link) = with_server {
            later.push(Step {
                then: Some(link),
                ..Step::to(Delay::Operation, USED)
            });
        }
        Plan::new(Phase::new("INIT", "NULL", "creating"), later)
    }
    /// `associatePublicIpWithServerInstance` and the replacement's new server.
    pub fn associate<T>(then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        Plan::new(
            Phase::op("USE", "using"),
            vec![Step::to(Delay::Operation, USED).then(then)],
        )
    }
    /// `disassociatePublicIpFromServerInstance`: `then` clears the link once done.
    pub fn disassociate<T>(then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        Plan::new(
            Phase::op("DISUS", "disusing"),
            vec![Step::to(Delay::Operation, CREATED).then(then)],
        )
    }
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}

/// Classic block storage besides [`super::plans::block_storage`].
pub mod block_storage {
    use super::*;

    /// `changeBlockStorageVolumeSize`: the storage keeps its status; `then` sets the new size once done.
    pub fn resize<T>(back: Phase, then: impl FnOnce(&mut T) + Send + 'static) -> Plan<T> {
        Plan::new(
            Phase::op("CHNG", "changing"),
            vec![Step::to(Delay::Operation, back).then(then)],
        )
    }
    /// `deleteBlockStorageInstances` (attached ones are detached on the way).
    pub fn delete<T>() -> Plan<T> {
        Plan::new(Phase::op("TERMT", "terminating"), vec![Step::gone(Delay::Delete)])
    }
}
