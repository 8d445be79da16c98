// The documents of GeoReport v2 (http://wiki.open311.org/GeoReport_v2), field for field and in
// the spec's order: JSON sends them as they are (lists always arrays), XML wraps them as the spec
// shows (georeport-xml.ts).
import type { Datatype, ListValue } from './attribute-rules.js';
import type { Open311Status } from './request-query-rules.js';

export interface DiscoveryDoc {
  changeset: string;
  contact: string | null;
  key_service: string | null;
  endpoints: EndpointDoc[];
}

export interface EndpointDoc {
  specification: string;
  url: string;
  changeset: string;
  type: 'production' | 'test';
  formats: string[];
}

export interface ServiceDoc {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export interface AttributeDoc {
  variable: boolean;
  code: string;
  datatype: Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: ListValue[];
}

export interface ServiceDefinitionDoc {
  service_code: string;
  attributes: AttributeDoc[];
}

export interface RequestDoc {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface CreatedRequestDoc {
  service_request_id: string;
  token: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface TokenDoc {
  service_request_id: string | null;
  token: string;
}

export interface ErrorDoc {
  /** The HTTP status, as the spec's examples give it. */
  code: number;
  description: string;
}

export const GEOREPORT_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const FORMATS = ['text/xml', 'application/json'];
