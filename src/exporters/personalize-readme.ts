import path from 'node:path';
import type { ExportedFile } from './personalize-export';

/** The AWS CLI steps that turn an export into a Personalize campaign. */
export function personalizeReadme(files: readonly ExportedFile[]): string {
  const datasetType = (dataset: string): string => ({ Interactions: 'Interactions', Items: 'Items', Users: 'Users' })[dataset] ?? dataset;
  const steps = files.map((file) => {
    const base = path.basename(file.file, '.csv');
    return [
      `aws personalize create-schema --name recgate-${base} --schema file://${path.basename(file.schemaFile)}`,
      `aws personalize create-dataset --name recgate-${base} --dataset-type ${datasetType(file.dataset)} \\`,
      `  --dataset-group-arn "$DATASET_GROUP_ARN" --schema-arn <schemaArn from the step above>`,
      `aws s3 cp ${path.basename(file.file)} "s3://$BUCKET/recgate/${path.basename(file.file)}"`,
      `aws personalize create-dataset-import-job --job-name recgate-${base}-$(date +%s) \\`,
      `  --dataset-arn <datasetArn from the step above> --role-arn "$ROLE_ARN" \\`,
      `  --data-source dataLocation="s3://$BUCKET/recgate/${path.basename(file.file)}"`,
    ].join('\n');
  });
  return `# Amazon Personalize datasets exported by recgate

| dataset | file | rows | columns |
|---|---|---|---|
${files.map((file) => `| ${file.dataset} | ${path.basename(file.file)} | ${file.rows} | ${file.columns.join(', ')} |`).join('\n')}

Each CSV has its Avro schema beside it (\`*.schema.json\`). Timestamps are Unix epoch seconds;
categorical values use \`|\` between values. With an S3 bucket (\`$BUCKET\`) and an IAM role that
Personalize may use to read it (\`$ROLE_ARN\`):

\`\`\`sh
aws personalize create-dataset-group --name recgate
DATASET_GROUP_ARN=<datasetGroupArn from the answer>

${steps.join('\n\n')}

# When the import jobs are ACTIVE: a user-personalization solution, a version of it, a campaign.
aws personalize create-solution --name recgate-user-personalization --dataset-group-arn "$DATASET_GROUP_ARN" \\
  --recipe-arn arn:aws:personalize:::recipe/aws-user-personalization-v2
aws personalize create-solution-version --solution-arn <solutionArn from the answer>
aws personalize create-campaign --name recgate --solution-version-arn <solutionVersionArn> --min-provisioned-tps 1
\`\`\`
`;
}
