"""Pages and endpoints of the tte app: `publik` (CRL, CA certificate, the TSA: no login), `mandiri`
(a signer's own certificate), `admin_tte` (the Admin TTE's approvals and list of certificates)."""
