import { describe, expect, it } from 'vitest';
import { metadataDocumentHost } from './oauth-client';

describe('the consent page names who vouches for a metadata-document app', () => {
  it('an https client_id is vouched for by its host, port included', () => {
    expect(metadataDocumentHost('https://app.example.com/oauth/client.json')).toBe(
      'app.example.com',
    );
    expect(metadataDocumentHost('https://app.example.com:8443/client')).toBe(
      'app.example.com:8443',
    );
  });

  it('an internationalised host is shown in punycode, not as a look-alike', () => {
    expect(metadataDocumentHost('https://аpple.com/client.json')).toBe('xn--pple-43d.com');
  });

  it('a registered app (an opaque id), a non-https URL or nothing names no host', () => {
    expect(metadataDocumentHost('JjqeYhs37KeeADSBVhvG0IsUU482CC9X')).toBeNull();
    expect(metadataDocumentHost('http://app.example.com/client.json')).toBeNull();
    expect(metadataDocumentHost(undefined)).toBeNull();
    expect(metadataDocumentHost('')).toBeNull();
  });
});
