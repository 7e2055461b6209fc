import { NotFoundException, PipeTransform } from '@nestjs/common';
import { isTool, Tool, TOOLS } from '@rapport/connectors';

/** A route's `:tool` as a known connector; another value is a 404, like any unknown route. */
export class ToolPipe implements PipeTransform<string, Tool> {
  transform(value: string): Tool {
    if (!isTool(value)) throw new NotFoundException(`no connector "${value.slice(0, 50)}"; known: ${TOOLS.join(', ')}`);
    return value;
  }
}
