//! What a failed request tells the caller: the innermost cause in words, a certificate that is not
//! trusted (naming the `ca` option, never retried), a proxy that cannot be reached (named, never its
//! password), a connection refused or timed out; never the URL's query or a header.

use super::attempt::Failure;
use super::{tls, Transport, TransportConfig};
use crate::error::{Error, ErrorCode};

impl Transport {
    /// A request error as the caller should see it: an untrusted certificate names the `ca` option and
    /// is never retried; a failure reaching or through the proxy names the proxy (never its password).
    pub(super) fn send_failure(&self, e: &reqwest::Error) -> Failure {
        if let Some(why) = tls::certificate_failure(e) {
            let error = Error::new(
                ErrorCode::Network,
                format!(
                    "the server's certificate for {} is not trusted ({why}); if the gateway uses a private CA or a \
                     self-signed certificate, pass that certificate (PEM) in the 'ca' option of createClient",
                    self.cfg.endpoint
                ),
            );
            let mut f = Failure::new(error, false);
            f.permanent = true;
            return f;
        }
        if let (Some(p), true) = (&self.proxy, e.is_connect()) {
            let detail = innermost(e);
            let error = if e.is_timeout() {
                Error::new(
                    ErrorCode::Timeout,
                    format!(
                        "could not connect to the proxy {} ({}) within {} ms (connectTimeout), for {}",
                        p.shown,
                        p.variable,
                        self.cfg.connect_timeout.as_millis(),
                        self.cfg.endpoint
                    ),
                )
            } else {
                Error::new(
                    ErrorCode::Network,
                    format!(
                        "could not reach {} through the proxy {} ({}){detail}",
                        self.cfg.endpoint, p.shown, p.variable
                    ),
                )
            };
            return Failure::new(error, true);
        }
        Failure::new(network_error(e, &self.cfg), e.is_connect())
    }
}

/// `: ` and the innermost cause of an error (the most specific words: "Connection refused ..."), or nothing.
fn innermost(e: &reqwest::Error) -> String {
    let mut source = String::new();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        source = s.to_string();
        cur = s.source();
    }
    if source.is_empty() {
        source
    } else {
        format!(": {}", crate::error::clip(&source, 200))
    }
}

/// A transport failure, described without the URL's query or any header (no secrets).
fn network_error(e: &reqwest::Error, cfg: &TransportConfig) -> Error {
    let detail = innermost(e);
    if e.is_connect() && e.is_timeout() {
        Error::new(
            ErrorCode::Timeout,
            format!(
                "could not connect to {} within {} ms (connectTimeout)",
                cfg.endpoint,
                cfg.connect_timeout.as_millis()
            ),
        )
    } else if e.is_connect() {
        Error::new(
            ErrorCode::Network,
            format!("could not connect to {}{detail}", cfg.endpoint),
        )
    } else if e.is_timeout() {
        Error::new(
            ErrorCode::Timeout,
            format!("request to {} timed out{detail}", cfg.endpoint),
        )
    } else {
        Error::new(
            ErrorCode::Network,
            format!("request to {} failed{detail}", cfg.endpoint),
        )
    }
}
