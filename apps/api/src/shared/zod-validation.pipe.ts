import { applyDecorators, BadRequestException, Body, PipeTransform, Query } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

/** Parses input with a zod schema; a failure is a 400 that names each field and why. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new BadRequestException({
      message: 'invalid input',
      errors: result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
    });
  }
}

/** The request body, validated by `schema` and documented in OpenAPI from the same schema. */
export const ValidBody = <S extends z.ZodType>(schema: S) => Body(new ZodValidationPipe(schema));
export const ValidQuery = <S extends z.ZodType>(schema: S) => Query(new ZodValidationPipe(schema));

export const DocumentBody = (schema: z.ZodType) =>
  applyDecorators(ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object }));
