//! TLS trust: the bundled web roots plus the `ca` option's certificates, verified by rustls's own
//! WebPKI verifier, with one addition that Node's `https` has and WebPKI lacks: a self-signed
//! certificate given in `ca` is trusted when the server presents exactly that certificate, even when
//! it says `CA:TRUE` (what `openssl req -x509` makes). WebPKI refuses such a certificate as an end
//! entity (`CaUsedAsEndEntity`); OpenSSL accepts it as a pinned trust anchor.

use crate::error::{Error, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::sync::Arc;

/// The certificates of the `ca` option, one list per item (`ca[0]`, `ca[1]`, ...): an item that holds no
/// PEM certificate, or one that does not parse, is an `ERR_VALIDATION` naming it.
pub fn parse_ca(items: &[String]) -> Result<Vec<CertificateDer<'static>>> {
    let mut out = Vec::new();
    for (i, pem) in items.iter().enumerate() {
        let name = if items.len() == 1 {
            "'ca'".to_string()
        } else {
            format!("'ca[{i}]'")
        };
        let mut found = 0;
        for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
            let cert = cert.map_err(|e| Error::validation(format!("{name} is not a valid PEM certificate: {e}")))?;
            // The same check rustls makes when the certificate becomes a trust anchor.
            webpki::anchor_from_trusted_cert(&cert)
                .map_err(|e| Error::validation(format!("{name} holds a certificate that does not parse: {e:?}")))?;
            out.push(cert);
            found += 1;
        }
        if found == 0 {
            return Err(Error::validation(format!(
                "{name} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
            )));
        }
    }
    Ok(out)
}

/// The rustls configuration of a client: web roots, the `ca` certificates, HTTP/1.1 only.
pub fn client_config(ca: Vec<CertificateDer<'static>>) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for cert in &ca {
        roots
            .add(cert.clone())
            .map_err(|e| Error::validation(format!("'ca' holds a certificate that cannot be trusted: {e}")))?;
    }
    let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| Error::internal(format!("could not build the certificate verifier: {e}")))?;
    let verifier = PinnedOrWebPki { inner, pinned: ca };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("could not configure TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// WebPKI's verdict, except that a `ca` certificate presented as the server's own is trusted as a
/// pinned anchor (validity period already checked by WebPKI before it refused the CA flag; the name
/// is checked here).
#[derive(Debug)]
struct PinnedOrWebPki {
    inner: Arc<WebPkiServerVerifier>,
    pinned: Vec<CertificateDer<'static>>,
}

fn is_ca_used_as_end_entity(e: &rustls::Error) -> bool {
    match e {
        rustls::Error::InvalidCertificate(CertificateError::Other(other)) => {
            let inner: &(dyn std::error::Error + 'static) = &*other.0;
            inner
                .downcast_ref::<webpki::Error>()
                .is_some_and(|w| matches!(w, webpki::Error::CaUsedAsEndEntity))
        }
        _ => false,
    }
}

impl ServerCertVerifier for PinnedOrWebPki {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(e) if is_ca_used_as_end_entity(&e) && self.pinned.iter().any(|p| p.as_ref() == end_entity.as_ref()) => {
                let parsed = rustls::server::ParsedCertificate::try_from(end_entity)?;
                rustls::client::verify_server_name(&parsed, server_name)?;
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// The certificate failure behind a request error, if that is what it was: rustls's error, found in
/// the chain of sources and inside the I/O errors that carry it (hyper-rustls wraps tokio-rustls's
/// I/O error in another one).
pub fn certificate_failure(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    find_rustls(e, 0).and_then(certificate_text)
}

fn find_rustls<'a>(e: &'a (dyn std::error::Error + 'static), depth: usize) -> Option<&'a rustls::Error> {
    if depth > 16 {
        return None;
    }
    if let Some(r) = e.downcast_ref::<rustls::Error>() {
        return Some(r);
    }
    if let Some(inner) = e.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
        let inner: &(dyn std::error::Error + 'static) = inner;
        if let Some(r) = find_rustls(inner, depth + 1) {
            return Some(r);
        }
    }
    e.source().and_then(|s| find_rustls(s, depth + 1))
}

fn certificate_text(e: &rustls::Error) -> Option<String> {
    match e {
        rustls::Error::InvalidCertificate(_) => Some(e.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_failure_is_found_inside_nested_io_errors() {
        let rustls_error = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        let nested = std::io::Error::other(std::io::Error::new(std::io::ErrorKind::InvalidData, rustls_error));
        let found = certificate_failure(&nested).expect("found");
        assert!(found.contains("UnknownIssuer"), "{found}");
        assert_eq!(certificate_failure(&std::io::Error::other("reset")), None);
    }

    #[test]
    fn a_bad_item_is_named() {
        let e = parse_ca(&["not a certificate".into()]).unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::Validation);
        assert!(e.message.starts_with("'ca' holds no PEM certificate"), "{}", e.message);
        let bad = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_string();
        let e = parse_ca(&[bad.clone(), bad]).unwrap_err();
        assert!(
            e.message.starts_with("'ca[0]' holds a certificate that does not parse"),
            "{}",
            e.message
        );
    }
}
