//! Which proxy, if any, a client uses: chosen once, when the client is created, from its `proxy` option
//! (a URL over the environment's, or `false`: none), else from `HTTPS_PROXY` (https
//! endpoints), `HTTP_PROXY` (http ones), `ALL_PROXY` and `NO_PROXY` (and their lower-case spellings),
//! matched by hyper-util's matcher (curl's rules: host names, domain suffixes with or without a leading
//! dot, `*`, IP addresses and CIDR ranges), with one rule first: a loopback endpoint (`localhost`,
//! `*.localhost`, `127.0.0.0/8`, `::1`) never goes through a proxy, so the embedded emulator is reached
//! directly whatever the environment says.

use crate::error::{Error, Result};
use hyper_util::client::proxy::matcher::Matcher;

/// The proxy a client sends its requests through.
#[derive(Clone)]
pub struct ProxyChoice {
    /// The proxy's URL as given (it may carry a user name and password: never shown).
    pub url: String,
    /// `host:port` of the proxy, for messages (no user information).
    pub shown: String,
    /// The variable it came from (`HTTPS_PROXY`, `http_proxy`, ...), or `proxy` (the option).
    pub variable: &'static str,
    /// `NO_PROXY` (or `no_proxy`), applied per request: hosts that bypass it.
    pub no_proxy: Option<String>,
}

/// The `proxy` option of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyOption {
    /// This proxy, whatever the environment says (`NO_PROXY` still applies).
    Url(String),
    /// No proxy, whatever the environment says.
    Off,
}

/// The option's pseudo-variable name, in messages.
const OPTION: &str = "proxy";

impl std::fmt::Debug for ProxyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the URL: it may carry a password.
        f.debug_struct("ProxyChoice")
            .field("shown", &self.shown)
            .field("variable", &self.variable)
            .finish()
    }
}

/// The environment variables the choice reads (a function of the process environment, or given).
#[derive(Debug, Default, Clone)]
pub struct ProxyEnv {
    pub vars: Vec<(&'static str, String)>,
    /// `REQUEST_METHOD` is set: a CGI process, where `HTTP_PROXY` may come from a request header
    /// ("httpoxy"); as curl and reqwest do, the upper-case `HTTP_PROXY` is then ignored.
    pub cgi: bool,
}

const NAMES: [&str; 8] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

impl ProxyEnv {
    pub fn from_process() -> Self {
        ProxyEnv {
            vars: NAMES
                .iter()
                .filter_map(|n| std::env::var(n).ok().map(|v| (*n, v)))
                .filter(|(_, v)| !v.trim().is_empty())
                .collect(),
            cgi: std::env::var_os("REQUEST_METHOD").is_some(),
        }
    }

    /// The environment as the `proxy` option amends it: its URL first, or no proxy variable at all.
    pub fn with_option(mut self, option: Option<&ProxyOption>) -> Self {
        match option {
            None => {}
            Some(ProxyOption::Off) => self.vars.retain(|(k, _)| k.eq_ignore_ascii_case("NO_PROXY")),
            Some(ProxyOption::Url(url)) => self.vars.insert(0, (OPTION, url.clone())),
        }
        self
    }

    fn first(&self, names: &[&'static str]) -> Option<(&'static str, &str)> {
        names.iter().find_map(|n| {
            if self.cgi && *n == "HTTP_PROXY" {
                return None;
            }
            self.vars.iter().find(|(k, _)| k == n).map(|(k, v)| (*k, v.as_str()))
        })
    }
}

/// Whether `host` (as in a URL: IPv6 in brackets) is a loopback host.
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") {
        return true;
    }
    let bare = h.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(std::net::IpAddr::V6(ip)) => ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
        Err(_) => false,
    }
}

/// The proxy for `endpoint` (an origin `scheme://host[:port]`), or `None` to connect directly.
pub fn choose(endpoint: &str, env: &ProxyEnv) -> Result<Option<ProxyChoice>> {
    let Ok(uri) = endpoint.parse::<hyper::Uri>() else {
        return Ok(None);
    };
    let Some(host) = uri.host() else {
        return Ok(None);
    };
    if is_loopback_host(host) {
        return Ok(None);
    }
    let https = uri.scheme_str() == Some("https");
    let specific: &[&'static str] = if https {
        &["HTTPS_PROXY", "https_proxy"]
    } else {
        &["HTTP_PROXY", "http_proxy"]
    };
    let Some((variable, url)) = env
        .first(&[OPTION])
        .or_else(|| env.first(specific))
        .or_else(|| env.first(&["ALL_PROXY", "all_proxy"]))
    else {
        return Ok(None);
    };
    if let Some((scheme, _)) = url.split_once("://") {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(Error::validation(format!(
                "{variable} uses the scheme {}://, which this client does not support (http:// or https:// proxies): {}",
                crate::error::clip(scheme, 20),
                shown(url)
            )));
        }
    }
    let no = env.first(&["NO_PROXY", "no_proxy"]).map(|(_, v)| v).unwrap_or("");
    let matcher = Matcher::builder().all(url.to_string()).no(no.to_string()).build();
    if matcher.intercept(&uri).is_none() {
        // NO_PROXY matched, or the value is not a proxy URL hyper-util can use.
        if no_proxy_matches(no, &uri) {
            return Ok(None);
        }
        return Err(Error::validation(format!(
            "{variable} is not a proxy URL this client can use (http://host:port or https://host:port): {}",
            shown(url)
        )));
    }
    Ok(Some(ProxyChoice {
        url: url.to_string(),
        shown: shown(url),
        variable,
        no_proxy: Some(no.to_string()).filter(|n| !n.trim().is_empty()),
    }))
}

fn no_proxy_matches(no: &str, uri: &hyper::Uri) -> bool {
    // A matcher whose proxy certainly parses: whether it intercepts says whether NO_PROXY matched.
    Matcher::builder()
        .all("http://proxy.invalid:1".to_string())
        .no(no.to_string())
        .build()
        .intercept(uri)
        .is_none()
}

/// `host:port` of a proxy URL, without its scheme, user information or path.
fn shown(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    crate::error::clip(host_port, 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&'static str, &str)]) -> ProxyEnv {
        ProxyEnv {
            vars: pairs.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            cgi: false,
        }
    }

    fn via(endpoint: &str, e: &ProxyEnv) -> Option<String> {
        choose(endpoint, e).expect("a usable proxy").map(|c| c.shown)
    }

    #[test]
    fn loopback_endpoints_never_use_a_proxy() {
        let e = env(&[
            ("HTTP_PROXY", "http://127.0.0.1:9"),
            ("HTTPS_PROXY", "http://127.0.0.1:9"),
            ("ALL_PROXY", "http://127.0.0.1:9"),
        ]);
        for endpoint in [
            "http://127.0.0.1:8080",
            "http://127.8.9.10:1",
            "http://localhost:1",
            "http://LOCALHOST.:1",
            "http://api.ncloud.localhost:1",
            "https://localhost:8443",
            "http://[::1]:1",
            "http://[::ffff:127.0.0.1]:1",
        ] {
            assert_eq!(via(endpoint, &e), None, "{endpoint}");
        }
        assert_eq!(
            via("https://ncloud.apigw.ntruss.com", &e).as_deref(),
            Some("127.0.0.1:9")
        );
        assert!(!is_loopback_host("localhost.example.com"));
        assert!(!is_loopback_host("127.0.0.1.nip.io"));
    }

    #[test]
    fn the_scheme_picks_the_variable_and_no_proxy_matches_names_suffixes_and_ips() {
        let e = env(&[
            ("HTTPS_PROXY", "http://user:pa55@secure-proxy.example:3128/"),
            ("http_proxy", "plain-proxy.example:8080"),
            (
                "NO_PROXY",
                "internal.example, .corp.example,10.0.0.0/8 , gov-ntruss.com",
            ),
        ]);
        let c = choose("https://ncloud.apigw.ntruss.com", &e).unwrap().unwrap();
        assert_eq!(
            (c.shown.as_str(), c.variable),
            ("secure-proxy.example:3128", "HTTPS_PROXY")
        );
        assert!(!format!("{c:?}").contains("pa55"), "Debug never shows the password");
        assert!(c.url.contains("pa55"), "the URL keeps its credentials for reqwest");
        assert_eq!(
            via("http://gw.other.example:80", &e).as_deref(),
            Some("plain-proxy.example:8080")
        );
        for direct in [
            "https://internal.example",
            "https://api.internal.example",
            "https://x.corp.example",
            "https://corp.example",
            "https://10.1.2.3:443",
            "https://ncloud.apigw.gov-ntruss.com",
        ] {
            assert_eq!(via(direct, &e), None, "{direct}");
        }
        assert!(via("https://notinternal.example", &e).is_some());
        assert_eq!(
            via(
                "https://anything.example",
                &env(&[("HTTPS_PROXY", "http://p:1"), ("no_proxy", "*")])
            ),
            None
        );
        // NO_PROXY=localhost covers localhost names (they are loopback anyway).
        assert_eq!(
            via(
                "http://gw.localhost:1",
                &env(&[("HTTP_PROXY", "http://p:1"), ("NO_PROXY", "localhost")])
            ),
            None
        );
        // ALL_PROXY when the scheme's own variable is absent.
        assert_eq!(
            via("https://x.example", &env(&[("ALL_PROXY", "http://all.example:1")])).as_deref(),
            Some("all.example:1")
        );
        // No proxy variables at all.
        assert_eq!(via("https://x.example", &env(&[])), None);
    }

    #[test]
    fn the_option_comes_before_the_environment_or_turns_it_off() {
        let e = env(&[("HTTPS_PROXY", "http://env-proxy:1"), ("NO_PROXY", "internal.example")]);
        let given = e
            .clone()
            .with_option(Some(&ProxyOption::Url("http://opt-proxy:3128".into())));
        let c = choose("https://ncloud.apigw.ntruss.com", &given).unwrap().unwrap();
        assert_eq!((c.shown.as_str(), c.variable), ("opt-proxy:3128", "proxy"));
        assert_eq!(
            via("https://api.internal.example", &given),
            None,
            "NO_PROXY still applies"
        );
        assert_eq!(
            via("http://127.0.0.1:1", &given),
            None,
            "loopback never through a proxy"
        );
        let off = e.with_option(Some(&ProxyOption::Off));
        assert_eq!(via("https://ncloud.apigw.ntruss.com", &off), None);
    }

    #[test]
    fn httpoxy_and_unusable_values() {
        let mut e = env(&[("HTTP_PROXY", "http://evil.example:1")]);
        e.cgi = true;
        assert_eq!(via("http://gw.example:80", &e), None);
        let e = env(&[("HTTPS_PROXY", "ftp://user:secret@p.example:21")]);
        let err = choose("https://x.example", &e).unwrap_err();
        assert_eq!(err.code, crate::error::ErrorCode::Validation);
        assert!(
            err.message.contains("HTTPS_PROXY") && err.message.contains("p.example:21"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("secret"), "{}", err.message);
    }
}
