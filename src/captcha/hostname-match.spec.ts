import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostnameMatchesSite } from './hostname-match';

describe('hostnameMatchesSite', () => {
  it('should accept the same host, ignoring case and a trailing dot', () => {
    assert.equal(hostnameMatchesSite('auth.example.com', 'auth.example.com'), true);
    assert.equal(hostnameMatchesSite('Auth.Example.Com.', 'auth.example.com'), true);
  });

  it('should accept a parent domain of the site', () => {
    assert.equal(hostnameMatchesSite('auth.example.com', 'example.com'), true);
    assert.equal(hostnameMatchesSite('auth.example.com', 'EXAMPLE.COM.'), true);
  });

  it('should refuse a mere suffix, a sub-domain, another site or an empty name', () => {
    assert.equal(hostnameMatchesSite('badexample.com', 'example.com'), false);
    assert.equal(hostnameMatchesSite('example.com', 'auth.example.com'), false);
    assert.equal(hostnameMatchesSite('auth.example.com', 'example.org'), false);
    assert.equal(hostnameMatchesSite('auth.example.com', ''), false);
  });
});
