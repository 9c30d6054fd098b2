/** RFC 8628 §3.4: the grant type of the device authorization grant. */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
/** RFC 6749 §4.4.2: the client credentials grant. */
export const CLIENT_CREDENTIALS_GRANT_TYPE = 'client_credentials';
