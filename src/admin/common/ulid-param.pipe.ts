import { Injectable, type PipeTransform } from '@nestjs/common';
import { isStorableUlid } from '../../core';
import { badRequest } from './admin-error';

/** A ULID path segment (MAS `UlidPathParam`: anything else is 400 "Invalid ULID in path"). */
@Injectable()
export class UlidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isStorableUlid(value)) throw badRequest('Invalid ULID in path');
    return value.toUpperCase();
  }
}
